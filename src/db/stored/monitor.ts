/**
 * The formats a monitor is stored in: its configuration (D1 `monitors.config` and the object's kv) and
 * its state (the object's ping log or kv). The schemas' output types are the domain's own, so a domain
 * field without a schema entry does not compile.
 */
import { z } from "zod";
import { DEFAULT_ALERT_GROUPING } from "../../domain/alert-group";
import {
  ALERT_REASONS,
  type Alert,
  CLOSE_REASONS,
  LOCATION_HINTS,
  MONITOR_STATUSES,
  type MonitorConfig,
  type MonitorState,
} from "../../domain/monitor";
import { type StoredFormat, sameType, UNCHANGED } from "./format";

const time = z.number();
const seconds = z.number();
const channelIds = z.array(z.string());

const storedWindow = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("once"), startsAt: time, endsAt: time }),
  z.object({ kind: z.literal("recurring"), cron: z.string(), timezone: z.string(), duration: seconds }),
]);
export const storedWindows = z.array(storedWindow);

const schedule = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("interval"), interval: seconds }),
  z.object({ kind: z.literal("cron"), cron: z.string(), timezone: z.string() }),
]);

const monitorConfig = z.object({
  id: z.string(),
  pingToken: z.string(),
  name: z.string(),
  slug: z.string().nullable(),
  schedule,
  grace: seconds,
  earlyTolerance: seconds,
  maxRuntime: seconds.nullable(),
  manualResume: z.boolean(),
  successKeywords: z.array(z.string()),
  failureKeywords: z.array(z.string()),
  maintenance: storedWindows,
  /** Added in 0.2 (team-wide windows): older copies have none. */
  teamMaintenance: storedWindows.default([]),
  /** Added with alert storms: older copies group nothing (the default is off). */
  teamAlertGrouping: z.object({ enabled: z.boolean(), threshold: z.number(), window: z.number() }).default(DEFAULT_ALERT_GROUPING),
  pingLogSize: z.number(),
  summary: z.string().nullable(),
  /** Added in 0.3 (tags): older copies have none. */
  tags: z.array(z.string()).default([]),
  /** Added with location hints: older copies were created with none. */
  location: LOCATION_HINTS.nullable().default(null),
  enabled: z.boolean(),
  createdAt: time,
  updatedAt: time,
  channels: channelIds,
  escalation: z.array(z.object({ after: seconds, channels: channelIds })),
  remindEvery: seconds.nullable(),
  failureThreshold: z.number(),
  recoveryThreshold: z.number(),
  /** Added with snoozes: copies stored before are not snoozed. */
  snoozedUntil: time.nullable().default(null),
});

export const storedAlert = z.object({
  id: z.string(),
  monitorId: z.string(),
  reason: ALERT_REASONS,
  openedAt: time,
  closedAt: time.nullable(),
  closeReason: CLOSE_REASONS.nullable(),
});

const monitorState = z.object({
  status: MONITOR_STATUSES,
  lastPingAt: time.nullable(),
  timerFrom: time.nullable(),
  due: z.object({ lateAt: time, downAt: time }).nullable(),
  runs: z.record(z.string(), time),
  streak: z.object({ failures: z.number(), successes: z.number() }),
  failure: z.object({ reason: ALERT_REASONS, exitStatus: z.number().nullable() }).nullable(),
  alert: storedAlert.nullable(),
  progress: z
    .object({
      stepsFired: z.number(),
      notified: channelIds,
      lastRemindedAt: time,
      /** Added with snoozes: progress stored before held nothing back. */
      held: z.array(z.object({ channel: z.string(), via: z.enum(["opened", "escalation"]) })).default([]),
    })
    .nullable(),
  statusChangedAt: time,
  /** Added with liveness reports (the metrics' last duration): states stored before have neither. */
  lastDurationMs: z.number().nullable().default(null),
  livenessReportedAt: time.nullable().default(null),
  /** Added with it: older states read null (not known), and their next status change is sent to D1. */
  listedStatus: MONITOR_STATUSES.nullable().default(null),
});

sameType<z.output<typeof monitorConfig>, MonitorConfig>(true);
sameType<z.output<typeof storedAlert>, Alert>(true);
sameType<z.output<typeof monitorState>, MonitorState>(true);

/** Version 1 added the version field; version 0 (0.1 and before) has the same shape. */
export const MONITOR_CONFIG: StoredFormat<MonitorConfig> = {
  what: "monitor config",
  version: 1,
  schema: monitorConfig,
  upgrades: [UNCHANGED],
};

export const MONITOR_STATE: StoredFormat<MonitorState> = {
  what: "monitor state",
  version: 1,
  schema: monitorState,
  upgrades: [UNCHANGED],
};

/** The exported schema for code that embeds a configuration in another stored object (outbox items). */
export const storedMonitorConfig = monitorConfig;
