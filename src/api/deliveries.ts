import type { DeliveryRecord } from "../db/deliveries";
import { iso } from "../time";

/** What the API shows of a delivery: shared by the delivery, alert and channel routes. */
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
