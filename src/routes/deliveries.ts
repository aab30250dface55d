import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { json } from "../api/contract";
import { DeliveryView, renderDelivery } from "../api/deliveries";
import { errorResponses } from "../api/errors";
import { scoped } from "../api/scopes";
import type { AppEnv } from "../app-env";
import { type DeliveryRecord, getDelivery } from "../db/deliveries";
import { idParams } from "../schemas/params";
import { retryDelivery } from "../services/deliveries";
import { findOr404, teamIdOf } from "./lookup";

const findDelivery = (db: D1Database, teamId: string, id: string): Promise<DeliveryRecord> =>
  findOr404("delivery", id, (id) => getDelivery(db, teamId, id));
const tags = ["deliveries"];

const get = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/{id}",
  summary: "Get a delivery",
  request: { params: idParams },
  responses: { 200: json(DeliveryView, "The delivery."), ...errorResponses(404) },
});
const retry = createRoute({
  ...scoped("write"),
  tags,
  method: "post",
  path: "/{id}/retry",
  summary: "Send a notification again",
  description: "Re-sends one notification now, with the same webhook-id. The attempt runs on the monitor's alarm.",
  request: { params: idParams },
  responses: { 202: json(DeliveryView, "The delivery, pending."), ...errorResponses(404) },
});

/** `/api/v1/deliveries`. */
export function deliveryRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(get, async (c) => c.json(renderDelivery(await findDelivery(c.env.DB, teamIdOf(c), c.req.valid("param").id)), 200));
  app.openapi(retry, async (c) => {
    const delivery = await findDelivery(c.env.DB, teamIdOf(c), c.req.valid("param").id);
    const pending = await retryDelivery(c.env, delivery);
    return c.json(renderDelivery(pending), 202);
  });
  return app;
}
