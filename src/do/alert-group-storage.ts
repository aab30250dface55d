/**
 * What one channel's grouping point (AlertGroupObject) keeps, as one versioned JSON value in its own
 * storage: the grouping rule's state (domain/alert-group.ts), every held delivery with its event, the groups
 * on their way out, the delivery records D1 has not taken yet, and the channel's configuration.
 */
import { z } from "zod";
import { readStoredChannelConfig, storedChannelConfig } from "../channels/stored";
import type { DeliveryRecord } from "../db/deliveries";
import { readStored, type StoredFormat, UNCHANGED, writeStored } from "../db/stored/format";
import { type ChannelGroupState, NO_GROUP } from "../domain/alert-group";
import type { NoticeType } from "../domain/monitor";
import type { GroupChannel } from "./channel-cache";
import type { DeliveryJob } from "./jobs";
import { DELIVERY_JOB, deliveryRecord } from "./outbox-payloads";

const notice = z.enum(["alert.opened", "alert.reminder", "alert.closed"]);

/** A grouped message on its way out: its members' deliveries, retried with the outbox's backoff. */
const outgoing = z.object({
  groupId: z.string(),
  notice,
  deliveryIds: z.array(z.string()),
  attempts: z.number(),
  createdAt: z.number(),
  nextAttemptAt: z.number(),
});
export type OutgoingGroup = z.output<typeof outgoing>;

const groupRow = z.object({
  state: z.object({
    recent: z.array(z.object({ notice, at: z.number() })),
    held: z.array(z.object({ deliveryId: z.string(), alertId: z.string(), notice, heldAt: z.number() })),
    flushAt: z.number().nullable(),
  }),
  /** The id of the grouped message each notice type's held deliveries will go in (named in their records). */
  groupIds: z.partialRecord(notice, z.string()),
  /** Each held or outgoing delivery, by id, as the monitor's outbox handed it over. */
  members: z.record(z.string(), DELIVERY_JOB.schema),
  outgoing: z.array(outgoing),
  /** Delivery records to write to D1 (kept when D1 is down, written by the next alarm). */
  unsynced: z.array(deliveryRecord),
  channel: z.object({ id: z.string(), type: z.string(), updatedAt: z.number(), config: z.unknown() }).nullable(),
});
type GroupRowData = z.output<typeof groupRow>;

/** Version 0 (no version field) was never written; it would read as this shape. */
export const ALERT_GROUP_ROW: StoredFormat<GroupRowData> = { what: "alert group", version: 1, schema: groupRow, upgrades: [UNCHANGED] };

export interface GroupRow {
  state: ChannelGroupState;
  groupIds: Partial<Record<NoticeType, string>>;
  members: Record<string, DeliveryJob>;
  outgoing: OutgoingGroup[];
  unsynced: DeliveryRecord[];
  channel: GroupChannel | null;
}

const KEY = "group";

export const EMPTY_GROUP_ROW: GroupRow = { state: NO_GROUP, groupIds: {}, members: {}, outgoing: [], unsynced: [], channel: null };

export async function loadGroupRow(storage: DurableObjectStorage): Promise<GroupRow> {
  const json = await storage.get<string>(KEY);
  if (json === undefined) return EMPTY_GROUP_ROW;
  const row = readStored(ALERT_GROUP_ROW, json);
  const channel = row.channel && { ...row.channel, config: readStoredChannelConfig(row.channel.type, row.channel.config) };
  return { ...row, channel };
}

export async function saveGroupRow(storage: DurableObjectStorage, row: GroupRow): Promise<void> {
  const channel = row.channel && { ...row.channel, config: storedChannelConfig(row.channel.config) };
  await storage.put(KEY, writeStored(ALERT_GROUP_ROW, { ...row, channel }));
}
