import { z } from "zod";
import type { DeliveryRecord } from "../db/deliveries";
import { iso } from "../time";
import { pageOf } from "./page";
import { NullableTimestamp, Timestamp } from "./time";

export const DeliveryView = z
  .object({
    id: z.string().meta({ examples: ["dlv_3k2v6m7p2q4r5s6t7u2v3w4x5y"] }),
    alert_id: z.string(),
    monitor_id: z.string(),
    channel_id: z.string(),
    event_type: z.string().meta({ examples: ["alert.opened", "alert.reminder", "alert.closed"] }),
    status: z.enum(["pending", "delivered", "failed", "suppressed", "skipped"]).meta({
      description: "suppressed: the monitor was snoozed; skipped: the channel was failing. Neither was attempted; `last_error` says why.",
    }),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    next_attempt_at: NullableTimestamp,
    delivered_at: NullableTimestamp,
    created_at: Timestamp,
    updated_at: Timestamp,
    group_id: z.string().nullable().meta({
      description: "Set when this event went to the channel in an alert storm's grouped message: that message's id (its `webhook-id`).",
    }),
  })
  .meta({ id: "Delivery" });

export const DeliveryPage = pageOf(DeliveryView, "Delivery");

/** An alert's deliveries: all of them, unpaged (an alert has a few). */
export const DeliveryList = z.object({ data: z.array(DeliveryView) }).meta({ id: "DeliveryList" });

/** What the API shows of a delivery: shared by the delivery, alert and channel routes. */
export function renderDelivery(d: DeliveryRecord): z.input<typeof DeliveryView> {
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
    group_id: d.groupId ?? null,
  };
}
