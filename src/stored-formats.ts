/**
 * Every stored JSON format, in one list: what a release must keep reading when an older one wrote it.
 * Each is read with `readStored` (db/stored/format.ts): a `version` field beside its fields (absent:
 * version 0), upgraded step by step, then parsed. A new stored format is added here, and a version bump
 * comes with its upgrade step (test/stored-formats.test.ts checks both). Here rather than in db/stored/,
 * because it lists the object's formats too (src/do/), and db/ imports nothing above it.
 *
 * Not here: the object's SQLite tables, versioned by OBJECT_SCHEMA_VERSION (do/storage/object-schema.ts);
 * D1's tables (migrations/); and a delivery record's `payload`, the event exactly as receivers were sent
 * it, parsed without an envelope (`readStoredValue`, outbox-payloads.ts `alertEventPayload`).
 */

import { channelTypes } from "./channels/registry";
import { channelConfigFormat } from "./channels/stored";
import type { StoredFormat } from "./db/stored/format";
import { MONITOR_CONFIG, MONITOR_STATE } from "./db/stored/monitor";
import { TEAM_ALERT_GROUPING, TEAM_DEFAULT_CHANNELS, TEAM_MAINTENANCE } from "./db/teams";
import { ALERT_GROUP_ROW } from "./do/alert-group-storage";
import { CHANNEL_CACHE } from "./do/channel-cache";
import { DELIVERY_JOB, SYNC_ITEM } from "./do/outbox-payloads";

interface StoredFormatEntry {
  /** Where rows of it are kept. */
  where: string;
  format: StoredFormat<unknown>;
}

export const storedFormats = (): StoredFormatEntry[] => [
  { where: "D1 monitors.config, and the monitor object's kv `config`", format: MONITOR_CONFIG },
  { where: "the monitor object: kv `state` before its first ping, then each ping-log slot's state", format: MONITOR_STATE },
  { where: "D1 teams.maintenance (a list)", format: TEAM_MAINTENANCE },
  { where: "D1 teams.default_channels (a list)", format: TEAM_DEFAULT_CHANNELS },
  { where: "D1 teams.alert_grouping (NULL: the defaults)", format: TEAM_ALERT_GROUPING },
  { where: "the monitor object's outbox, D1 lane: one sync item per job", format: SYNC_ITEM },
  { where: "the monitor object's outbox, a channel's lane: one delivery job per job", format: DELIVERY_JOB },
  { where: "a channel's alert-group object (AlertGroupObject): its kv `group`", format: ALERT_GROUP_ROW },
  { where: "the monitor object's kv `channels`: its channels' configurations (each one a channel configuration)", format: CHANNEL_CACHE },
  ...channelTypes().map((type) => ({
    where: `D1 channels.config, and entries of the channel cache (one format per kind; this one for ${type})`,
    format: channelConfigFormat(type),
  })),
];
