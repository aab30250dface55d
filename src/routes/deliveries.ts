import { Hono } from "hono";
import { renderDelivery } from "../api/deliveries";
import type { AppEnv } from "../app-env";
import { type DeliveryRecord, getDelivery } from "../db/deliveries";
import { monitorStub } from "../do/stub";
import { notFound } from "../errors";
import { isWellFormedId } from "../ids";

export const deliveryRoutes = new Hono<AppEnv>();

async function findDelivery(db: D1Database, id: string): Promise<DeliveryRecord> {
  const delivery = isWellFormedId(id, "dlv") ? await getDelivery(db, id) : null;
  if (!delivery) throw notFound("delivery");
  return delivery;
}

deliveryRoutes.get("/:id", async (c) => c.json(renderDelivery(await findDelivery(c.env.DB, c.req.param("id")))));

/** Re-sends one notification now, with the same webhook-id. Answers 202: the attempt runs on the monitor's alarm. */
deliveryRoutes.post("/:id/retry", async (c) => {
  const delivery = await findDelivery(c.env.DB, c.req.param("id"));
  const pending = await monitorStub(c.env, delivery.monitorId).retryDelivery(delivery);
  return c.json(renderDelivery(pending), 202);
});
