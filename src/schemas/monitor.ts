import { z } from "zod";
import { DEFAULT_PING_LOG_SIZE } from "../domain/limits";
import { validateWindow } from "../domain/maintenance";
import { LOCATION_HINTS } from "../domain/monitor";
import { validateCron, validateTimezone } from "../domain/schedule";
import { channelIdList, DAY, duration } from "./common";

/** A monitor's slug: part of its slug ping URL, unique per team. */
export const SLUG_PATTERN = /^[a-z0-9_-]{1,100}$/;
/** The slug rule in words, for every message that refuses one (API and monitors-as-code file). */
export const SLUG_RULE = "a slug is 1 to 100 lower-case letters, digits, '-' and '_' (such as nightly-backup)";

/**
 * The grace a new monitor gets when its creator gives none, the one rule of the API, `?create=1` and
 * `lubdub discover`: one hour, as healthchecks.io's default. A daily job that ends a few seconds later
 * than yesterday is then late, not down. Only creation uses it: existing monitors keep their grace.
 */
export const DEFAULT_GRACE = { text: "1h", seconds: 3600 } as const;

const escalationStep = z.strictObject({
  after: duration(0, 30 * DAY, "Fire this step if the alert is still open this long after it opened"),
  channels: channelIdList.min(1),
});

const escalation = z
  .array(escalationStep)
  .max(10)
  .refine(
    (steps) => steps.every((step, i) => i === 0 || step.after > (steps[i - 1]?.after ?? -1)),
    "steps must be in increasing order of after",
  );

/** A string the domain validates: its own message (why, not just "invalid") names the field's problem. */
const checkedString = (maxLength: number, problemWith: (value: string) => string | null) =>
  z
    .string()
    .max(maxLength)
    .superRefine((value, ctx) => {
      const problem = problemWith(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

const cron = checkedString(200, validateCron).meta({
  description:
    "A cron expression: five fields (minute, hour, day of month, month, day of week), or a nickname: @yearly, @monthly, @weekly, @daily, @hourly. Read in `timezone`.",
  examples: ["0 2 * * *", "*/15 9-17 * * 1-5", "@hourly"],
});
const timezone = checkedString(100, validateTimezone).meta({
  description: "An IANA time zone name, for a cron schedule only (default UTC). Daylight-saving changes are followed.",
  examples: ["UTC", "Europe/Berlin", "America/New_York"],
});

/** How far ahead a snooze may reach: a longer silence is a pause (`enabled: false`) or a maintenance window. */
export const MAX_SNOOZE_DAYS = 30;

const isoTime = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text));

const maintenanceWindow = z
  .union([
    z.strictObject({ starts_at: isoTime, ends_at: isoTime }),
    z.strictObject({ cron, timezone: timezone.default("UTC"), duration: duration(60, 7 * DAY) }),
  ])
  .transform((w) =>
    "starts_at" in w
      ? { kind: "once" as const, startsAt: w.starts_at, endsAt: w.ends_at }
      : { kind: "recurring" as const, cron: w.cron.trim(), timezone: w.timezone, duration: w.duration },
  )
  .superRefine((window, ctx) => {
    const problem = validateWindow(window);
    if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: [problem.field] });
  });

export const maintenanceWindows = z
  .array(maintenanceWindow)
  .max(20)
  .meta({
    description:
      "While a window is active, misses and failures are recorded but open no alert. Once: `starts_at` and `ends_at` (ISO 8601 with an offset). Recurring: from each occurrence of `cron` in `timezone`, for `duration`.",
    examples: [
      [
        { starts_at: "2026-03-01T22:00:00Z", ends_at: "2026-03-02T02:00:00Z" },
        { cron: "0 3 * * 0", timezone: "Europe/Berlin", duration: "1h" },
      ],
    ],
  });

/** A tag: lower-case and slug-like, so it fits a URL (/badge/<key>/tag/<tag>.svg) and a metrics label unescaped. */
export const TAG_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const MAX_TAGS = 10;
export const tagName = z
  .string()
  .regex(TAG_PATTERN, "1-32 of lower-case letters, digits, '-' and '_', starting with a letter or digit")
  .meta({ examples: ["backup"] });
const tagList = z
  .array(tagName)
  .max(MAX_TAGS)
  .refine((list) => new Set(list).size === list.length, "tags must be unique")
  .meta({
    description: `Up to ${MAX_TAGS} labels for grouping: \`?tag=\` filters the list, tag badges and metrics labels use them, alerts carry them.`,
    examples: [["backup", "prod"]],
  });

const keywords = z.array(z.string().min(1).max(200)).max(20);

const fields = {
  name: z.string().trim().min(1).max(200),
  /** Unique per team: pings can address the monitor as /ping/<ping_key>/<slug>. */
  slug: z.string().regex(SLUG_PATTERN, SLUG_RULE).nullable(),
  interval: duration(1, 365 * DAY, "How often a ping is expected (instead of `schedule`)"),
  /** A cron expression (5 fields or @hourly-style nicknames) instead of an interval. */
  schedule: cron,
  timezone,
  grace: duration(
    0,
    365 * DAY,
    `How long after an expected ping the monitor is still only late, not down (default ${DEFAULT_GRACE.text} on create)`,
  ),
  early_tolerance: duration(0, DAY, "A ping this long before a cron occurrence counts for it"),
  max_runtime: duration(1, 7 * DAY, "How long a run begun by /start may take; null: the grace, else 1 h").nullable(),
  failure_threshold: z.number().int().min(1).max(100),
  recovery_threshold: z.number().int().min(1).max(100),
  /** The alert's summary text, as in ilert. */
  summary: z.string().trim().max(1000).nullable(),
  tags: tagList,
  location: LOCATION_HINTS.nullable().meta({
    description:
      "Where the monitor's Durable Object is created: a location hint (wnam, enam, sam, weur, eeur, apac, oc, afr, me), best effort, honoured only when the monitor is created (its object never moves afterwards, so a PATCH to another value is refused); null: near the request that creates it. Put it near where the pings come from.",
    examples: ["weur"],
  }),
  enabled: z.boolean(),
  manual_resume: z.boolean(),
  success_keywords: keywords,
  failure_keywords: keywords,
  maintenance: maintenanceWindows,
  ping_log_size: z.number().int().min(1).max(1000),
  /** Notified as soon as the alert opens. Shorthand for one escalation step at 0 s. */
  channels: channelIdList.meta({
    description:
      "Channel ids (`chn_…`) notified as soon as an alert opens: shorthand for one escalation step at 0 s. Left out on create (with no `escalation`): the team's `default_channels` (every channel of the team while those are null), as for a monitor a ping creates; `[]`: none.",
  }),
  /** Steps instead of a flat list: step N fires only if the alert is still open `after` it opened. */
  escalation,
  remind_every: duration(60, 30 * DAY, "Re-notify while the alert stays open; null: never").nullable(),
  snoozed_until: isoTime.nullable().meta({
    description: `Until when notifications are held back (ISO 8601 with an offset, at most ${MAX_SNOOZE_DAYS} days ahead; null: not snoozed). Monitoring goes on: alerts open and close, their deliveries are recorded as \`suppressed\`; an alert still open when the snooze ends (or is cleared) is notified once then.`,
    examples: ["2026-03-01T18:00:00Z"],
  }),
};

/** Each field's own rule, for inputs that take one of them elsewhere (the schedule preview's query). */
export const monitorFields = fields;

type Shape = { channels?: unknown[] | undefined; escalation?: unknown[] | undefined; interval?: unknown; schedule?: unknown };
/** A rule across fields, as `.refine(...rule)` takes it; shared with the monitors-as-code file (cli/apply/format.ts). */
type Rule = readonly [check: (input: Shape) => boolean, error: { message: string; path: string[] }];

export const ONE_ALERTING_FORM: Rule = [
  (input) => !(input.channels?.length && input.escalation?.length),
  { message: "use either channels or escalation, not both", path: ["escalation"] },
];
export const ONE_SCHEDULE: Rule = [
  (input) => !(input.interval !== undefined && input.schedule !== undefined),
  { message: "use either interval or schedule, not both", path: ["schedule"] },
];
export const SOME_SCHEDULE: Rule = [
  (input) => input.interval !== undefined || input.schedule !== undefined,
  { message: "required: an interval or a schedule", path: ["interval"] },
];

const SCHEDULE_RULE =
  "Give exactly one of `interval` (a ping every so often) and `schedule` (a cron expression, with an optional `timezone`). `channels` and `escalation` are two forms of alerting: use one.";

export const monitorCreateInput = z
  .strictObject({
    ...fields,
    interval: fields.interval.optional(),
    schedule: fields.schedule.optional(),
    timezone: fields.timezone.optional(),
    slug: fields.slug.default(null),
    grace: fields.grace.default(DEFAULT_GRACE.seconds),
    early_tolerance: fields.early_tolerance.default(0),
    max_runtime: fields.max_runtime.default(null),
    failure_threshold: fields.failure_threshold.default(1),
    recovery_threshold: fields.recovery_threshold.default(1),
    summary: fields.summary.default(null),
    tags: fields.tags.default([]),
    location: fields.location.default(null),
    enabled: fields.enabled.default(true),
    manual_resume: fields.manual_resume.default(false),
    success_keywords: fields.success_keywords.default([]),
    failure_keywords: fields.failure_keywords.default([]),
    maintenance: fields.maintenance.default([]),
    ping_log_size: fields.ping_log_size.default(DEFAULT_PING_LOG_SIZE),
    // Left out, not defaulted here: the team's default channels apply then (services/monitors.ts).
    channels: fields.channels.optional(),
    escalation: fields.escalation.optional(),
    remind_every: fields.remind_every.default(null),
    snoozed_until: fields.snoozed_until.default(null),
  })
  .refine(...ONE_ALERTING_FORM)
  .refine(...ONE_SCHEDULE)
  .refine(...SOME_SCHEDULE)
  .meta({ id: "MonitorCreate", description: SCHEDULE_RULE, examples: [{ name: "nightly backup", schedule: "0 2 * * *", grace: "30m" }] });
export type MonitorCreateInput = z.output<typeof monitorCreateInput>;

export const monitorPatchInput = z
  .strictObject(fields)
  .partial()
  .refine(...ONE_ALERTING_FORM)
  .refine(...ONE_SCHEDULE)
  .meta({
    id: "MonitorPatch",
    description: `Only the fields given change. ${SCHEDULE_RULE} Setting one replaces the other; a \`timezone\` alone needs a cron schedule.`,
  });
export type MonitorPatchInput = z.output<typeof monitorPatchInput>;
