import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { AlertPage, AlertView, renderAlert } from "../api/alerts";
import { json } from "../api/contract";
import { DeliveryList, renderDelivery } from "../api/deliveries";
import { errorResponses } from "../api/errors";
import { scoped } from "../api/scopes";
import type { AppEnv } from "../app-env";
import { getAlert } from "../db/alerts";
import { listDeliveriesForAlert } from "../db/deliveries";
import type { Alert } from "../domain/monitor";
import { idParams } from "../schemas/params";
import { alertListQuery } from "../schemas/queries";
import { alertPage, findOr404, pageArgs, teamIdOf } from "./lookup";

const findAlert = (db: D1Database, teamId: string, id: string): Promise<Alert> => findOr404("alert", id, (id) => getAlert(db, teamId, id));
const tags = ["alerts"];

const list = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/",
  summary: "List alerts",
  description: "Newest first, optionally by status and monitor.",
  request: { query: alertListQuery },
  responses: { 200: json(AlertPage, "A page of alerts."), ...errorResponses(400) },
});
const get = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/{id}",
  summary: "Get an alert",
  request: { params: idParams },
  responses: { 200: json(AlertView, "The alert."), ...errorResponses(404) },
});
const deliveries = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/{id}/deliveries",
  summary: "An alert's deliveries",
  description: "Every notification of the alert to every channel, unpaged.",
  request: { params: idParams },
  responses: { 200: json(DeliveryList, "The deliveries."), ...errorResponses(404) },
});

/** `/api/v1/alerts`. */
export function alertRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(list, async (c) => {
    const query = c.req.valid("query");
    return c.json(
      await alertPage(c.env.DB, { teamId: teamIdOf(c), status: query.status, monitorId: query.monitor_id }, pageArgs(query)),
      200,
    );
  });
  app.openapi(get, async (c) => c.json(renderAlert(await findAlert(c.env.DB, teamIdOf(c), c.req.valid("param").id)), 200));
  app.openapi(deliveries, async (c) => {
    const alert = await findAlert(c.env.DB, teamIdOf(c), c.req.valid("param").id);
    const rows = await listDeliveriesForAlert(c.env.DB, alert.id);
    return c.json({ data: rows.map(renderDelivery) }, 200);
  });
  return app;
}
