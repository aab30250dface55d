import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { type DeliveryRecord, getDelivery } from "../db/deliveries";
import { monitorStub } from "../do/stub";
import { notFound } from "../errors";
import { isWellFormedId } from "../ids";
import { iso } from "../time";

export function renderDelivery(d: DeliveryRecord) {
  return {
    id: d.id,
    alert_id: d.alertId,
    monitor_id: d.monitorId,
    channel_id: d.channelId,
    event_type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    next_attempt_at: iso(d.nextAttemptAt),
    delivered_at: iso(d.deliveredAt),
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
  };
}

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
