import { z } from "zod";
import { LOCATION_HINTS, MONITOR_STATUSES, type MonitorConfig, type MonitorStatus } from "../domain/monitor";
import { nextExpectedTimes } from "../domain/schedule";
import { isSnoozed } from "../domain/snooze";
import { iso } from "../time";
import { pageOf } from "./page";
import { NullableTimestamp, Seconds, Timestamp } from "./time";

export const MaintenanceWindowView = z
  .union([z.object({ starts_at: Timestamp, ends_at: Timestamp }), z.object({ cron: z.string(), timezone: z.string(), duration: Seconds })])
  .meta({ id: "MaintenanceWindow", description: "Once (starts_at..ends_at) or recurring (every cron occurrence, for duration seconds)." });

export const MonitorView = z
  .object({
    id: z.string().meta({ examples: ["mon_3k2v6m7p2q4r5s6t7u2v3w4x5y"] }),
    name: z.string(),
    slug: z.string().nullable(),
    interval: Seconds.nullable().meta({ description: "Seconds between pings; null for a cron schedule." }),
    schedule: z.string().nullable().meta({ description: "The cron expression; null for an interval." }),
    timezone: z.string().nullable().meta({ description: "The schedule's time zone; null for an interval." }),
    grace: Seconds,
    early_tolerance: Seconds,
    max_runtime: Seconds.nullable(),
    failure_threshold: z.number().int(),
    recovery_threshold: z.number().int(),
    summary: z.string().nullable(),
    tags: z.array(z.string()),
    location: LOCATION_HINTS.nullable().meta({
      description: "The location hint the monitor's object was created with (fixed at creation); null: none.",
    }),
    enabled: z.boolean(),
    manual_resume: z.boolean(),
    success_keywords: z.array(z.string()),
    failure_keywords: z.array(z.string()),
    maintenance: z.array(MaintenanceWindowView),
    team_maintenance: z.array(MaintenanceWindowView).meta({ description: "The team's windows, which apply too (PATCH /api/v1/team)." }),
    ping_log_size: z.number().int(),
    channels: z.array(z.string()),
    escalation: z.array(z.object({ after: Seconds, channels: z.array(z.string()) })),
    remind_every: Seconds.nullable(),
    snoozed_until: NullableTimestamp.meta({
      description:
        "Until when notifications are held back (deliveries recorded as `suppressed`); null once it has passed or when not snoozed.",
    }),
    next_expected_at: z
      .array(Timestamp)
      .meta({ description: "The next five times a ping is expected (none before an interval's first ping)." }),
    status: MONITOR_STATUSES,
    ping_url: z
      .string()
      .nullable()
      .meta({
        description: "Null for a read key: a ping changes the monitor.",
        examples: ["https://lubdub.example/ping/3k2v6m7p2q4r5s6t7u2v3w4x5ya7b3c4d5e6f7g2h3i4j5k6l7"],
      }),
    badge_url: z.string().meta({
      description:
        "The monitor's public status badge (SVG; `.json` instead of `.svg` for the shields.io endpoint format). By id, so a new slug keeps it; it changes when the team's badge key is rotated.",
      examples: ["https://lubdub.example/badge/0123456789abcdef0123456789abcdef/mon_3k2v6m7p2q4r5s6t7u2v3w4x5y.svg"],
    }),
    last_ping_at: NullableTimestamp,
    next_due_at: NullableTimestamp,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: "Monitor" });

export const MonitorPage = pageOf(MonitorView, "Monitor");

export function renderWindow(window: MonitorConfig["maintenance"][number]): z.input<typeof MaintenanceWindowView> {
  return window.kind === "once"
    ? { starts_at: iso(window.startsAt), ends_at: iso(window.endsAt) }
    : { cron: window.cron, timezone: window.timezone, duration: window.duration };
}

type ConfigView = Omit<z.input<typeof MonitorView>, keyof LiveFields>;
type LiveFields = Pick<
  z.input<typeof MonitorView>,
  "next_expected_at" | "status" | "ping_url" | "badge_url" | "last_ping_at" | "next_due_at" | "created_at" | "updated_at"
>;

/** The configuration as the API shows it. */
function renderConfig(config: MonitorConfig): ConfigView {
  const { schedule } = config;
  return {
    id: config.id,
    name: config.name,
    slug: config.slug,
    interval: schedule.kind === "interval" ? schedule.interval : null,
    schedule: schedule.kind === "cron" ? schedule.cron : null,
    timezone: schedule.kind === "cron" ? schedule.timezone : null,
    grace: config.grace,
    early_tolerance: config.earlyTolerance,
    max_runtime: config.maxRuntime,
    failure_threshold: config.failureThreshold,
    recovery_threshold: config.recoveryThreshold,
    summary: config.summary,
    tags: config.tags,
    location: config.location,
    enabled: config.enabled,
    manual_resume: config.manualResume,
    success_keywords: config.successKeywords,
    failure_keywords: config.failureKeywords,
    maintenance: config.maintenance.map(renderWindow),
    team_maintenance: config.teamMaintenance.map(renderWindow),
    ping_log_size: config.pingLogSize,
    channels: config.channels,
    escalation: config.escalation,
    remind_every: config.remindEvery,
    snoozed_until: isSnoozed(config, Date.now()) ? iso(config.snoozedUntil) : null,
  };
}

/** What the list (from D1) and the object (live) both know of a monitor's state. */
interface LiveView {
  status: MonitorStatus;
  lastPingAt: number | null;
  nextDueAt: number | null;
}

/** Where a monitor's URLs start. */
export interface UrlBases {
  /** Where ping URLs start; null when the caller may not see them (a read key). */
  ping: string | null;
  /** The team's badge URLs (`badgeBaseUrl`): read-only, so every caller sees them. */
  badge: string;
}

export function renderMonitor(bases: UrlBases, config: MonitorConfig, live: LiveView, now: number): z.input<typeof MonitorView> {
  return {
    ...renderConfig(config),
    next_expected_at: nextExpectedTimes(config.schedule, live.nextDueAt, now),
    status: live.status,
    ping_url: bases.ping === null ? null : `${bases.ping}/ping/${config.pingToken}`,
    badge_url: `${bases.badge}/${config.id}.svg`,
    last_ping_at: iso(live.lastPingAt),
    next_due_at: iso(live.nextDueAt),
    created_at: iso(config.createdAt),
    updated_at: iso(config.updatedAt),
  };
}
