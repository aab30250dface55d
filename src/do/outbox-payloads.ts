/**
 * The formats of outbox payloads, which wait in the object's storage across releases: a job queued by
 * one release may be run by the next. Parsed on the way out, never cast (see `db/stored/format.ts`).
 */
import { z } from "zod";
import type { DeliveryRecord } from "../db/deliveries";
import type { StatusUpdate } from "../db/monitors";
import { type JsonObject, type StoredFormat, sameType, UNCHANGED } from "../db/stored/format";
import { storedAlert, storedMonitorConfig } from "../db/stored/monitor";
import type { AlertEventPayload } from "../domain/alert-event";
import { legacyFlipId } from "../domain/flip-id";
import { FLIP_REASONS } from "../domain/flips";
import { ALERT_REASONS, CLOSE_REASONS, MONITOR_STATUSES } from "../domain/monitor";
import type { DeliveryJob, FlipChange, SyncItem } from "./jobs";

const time = z.number();

const statusUpdate = z.object({
  monitorId: z.string(),
  status: MONITOR_STATUSES,
  at: time,
  lastPingAt: time.nullable(),
  nextDueAt: time.nullable(),
  /** Added with liveness reports: status syncs queued before carry none (and clear nothing). */
  lastDurationMs: z.number().nullable().default(null),
});

const flipChange = z.object({
  id: z.string(),
  from: MONITOR_STATUSES.nullable(),
  reason: FLIP_REASONS.nullable(),
  alertId: z.string().nullable(),
});

export const deliveryRecord = z.object({
  id: z.string(),
  alertId: z.string(),
  monitorId: z.string(),
  channelId: z.string(),
  eventType: z.string(),
  status: z.enum(["pending", "delivered", "failed", "suppressed", "skipped"]),
  attempts: z.number(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: time.nullable(),
  deliveredAt: time.nullable(),
  payload: z.string(),
  createdAt: time,
  updatedAt: time,
  /** Added with alert storms: absent in records stored before. */
  groupId: z.string().nullable().optional(),
});

/** The event as channels are told it; also stored (as JSON) in each delivery record's `payload`. */
export const alertEventPayload = z.object({
  type: z.enum(["alert.opened", "alert.reminder", "alert.closed"]),
  occurred_at: z.string(),
  alert: z.object({
    id: z.string(),
    reason: ALERT_REASONS,
    opened_at: z.string(),
    closed_at: z.string().nullable(),
    close_reason: CLOSE_REASONS.nullable(),
  }),
  monitor: z.object({
    id: z.string(),
    name: z.string(),
    summary: z.string().nullable(),
    status: MONITOR_STATUSES,
    interval: z.number().nullable(),
    schedule: z.string().nullable(),
    timezone: z.string().nullable(),
    grace: z.number(),
    last_ping_at: z.string().nullable(),
    /** Added in 0.3: events stored before tags have none. */
    tags: z.array(z.string()).default([]),
    /** Added with the templated webhook and email: events stored before have neither. */
    slug: z.string().nullable().optional(),
    last_ping_body: z.string().nullable().optional(),
  }),
  /** Only on an alert storm's grouped message (never in a monitor's outbox; absent in everything stored before). */
  group: z
    .object({
      id: z.string(),
      alerts: z.array(
        z.object({
          id: z.string(),
          reason: ALERT_REASONS,
          opened_at: z.string(),
          closed_at: z.string().nullable(),
          monitor: z.object({ id: z.string(), name: z.string() }),
        }),
      ),
    })
    .optional(),
});

const syncItem = z.discriminatedUnion("kind", [
  // `flip` is the field's stored name since 0.1 (it carries a StatusUpdate).
  z.object({ kind: z.literal("status"), flip: statusUpdate, change: flipChange }),
  z.object({ kind: z.literal("alert"), alert: storedAlert }),
  z.object({ kind: z.literal("delivery"), record: deliveryRecord }),
  z.object({ kind: z.literal("channel_failing"), channelId: z.string(), reason: z.string(), at: time }),
  z.object({ kind: z.literal("config"), config: storedMonitorConfig }),
]);

const deliveryJob = z.object({ record: deliveryRecord, event: alertEventPayload });

sameType<z.output<typeof statusUpdate>, StatusUpdate>(true);
sameType<z.output<typeof flipChange>, FlipChange>(true);
sameType<z.output<typeof deliveryRecord>, DeliveryRecord>(true);
sameType<z.output<typeof alertEventPayload>, AlertEventPayload>(true);
sameType<z.output<typeof syncItem>, SyncItem>(true);
sameType<z.output<typeof deliveryJob>, DeliveryJob>(true);

/**
 * A status item queued before flips were kept (version 1) gains its flip: what changed is known, what it
 * changed from and why are not. Its id is derived from the update, so a replay of it is still one flip.
 */
function withUnknownFlip(raw: JsonObject): JsonObject {
  if (raw.kind !== "status" || typeof raw.flip !== "object" || raw.flip === null) return raw;
  const { monitorId, at, status } = raw.flip as Record<string, unknown>;
  if (typeof monitorId !== "string" || typeof at !== "number" || typeof status !== "string") return raw;
  return { ...raw, change: { id: legacyFlipId(monitorId, at, status), from: null, reason: null, alertId: null } };
}

/** Version 1 added the version field (version 0, 0.1, has the same shape); version 2 the status item's `change`. */
export const SYNC_ITEM: StoredFormat<SyncItem> = {
  what: "D1 sync item",
  version: 2,
  schema: syncItem,
  upgrades: [UNCHANGED, withUnknownFlip],
};

/** For the delivery lane (`deliver.ts`): what one delivery job holds. */
export const DELIVERY_JOB: StoredFormat<DeliveryJob> = {
  what: "delivery job",
  version: 1,
  schema: deliveryJob,
  upgrades: [UNCHANGED],
};

/** Only the record of a delivery job: enough to record a failed attempt, whatever else the job holds. */
export const DELIVERY_JOB_RECORD: StoredFormat<Pick<DeliveryJob, "record">> = {
  ...DELIVERY_JOB,
  schema: z.object({ record: deliveryRecord }),
};
