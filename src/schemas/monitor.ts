import { z } from "zod";
import { validateWindow } from "../domain/maintenance";
import { validateCron, validateTimezone } from "../domain/schedule";
import { channelIdList, DAY, duration } from "./common";

/** A monitor's slug: part of its slug ping URL, unique per team. */
export const SLUG_PATTERN = /^[a-z0-9_-]{1,100}$/;

const escalationStep = z.strictObject({
  after: duration(0, 30 * DAY),
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

const cron = checkedString(200, validateCron);
const timezone = checkedString(100, validateTimezone);

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

export const maintenanceWindows = z.array(maintenanceWindow).max(20);

const keywords = z.array(z.string().min(1).max(200)).max(20);

const fields = {
  name: z.string().trim().min(1).max(200),
  /** Unique per team: pings can address the monitor as /ping/<ping_key>/<slug>. */
  slug: z.string().regex(SLUG_PATTERN, "lowercase letters, digits, '-' and '_' only").nullable(),
  interval: duration(1, 365 * DAY),
  /** A cron expression (5 fields or @hourly-style nicknames) instead of an interval. */
  schedule: cron,
  timezone,
  grace: duration(0, 365 * DAY),
  early_tolerance: duration(0, DAY),
  max_runtime: duration(1, 7 * DAY).nullable(),
  failure_threshold: z.number().int().min(1).max(100),
  recovery_threshold: z.number().int().min(1).max(100),
  /** The alert's summary text, as in ilert. */
  summary: z.string().trim().max(1000).nullable(),
  enabled: z.boolean(),
  manual_resume: z.boolean(),
  success_keywords: keywords,
  failure_keywords: keywords,
  maintenance: maintenanceWindows,
  ping_log_size: z.number().int().min(1).max(1000),
  /** Notified as soon as the alert opens. Shorthand for one escalation step at 0 s. */
  channels: channelIdList,
  /** Steps instead of a flat list: step N fires only if the alert is still open `after` it opened. */
  escalation,
  remind_every: duration(60, 30 * DAY).nullable(),
};

type Shape = { channels?: unknown[] | undefined; escalation?: unknown[] | undefined; interval?: unknown; schedule?: unknown };
const oneAlertingForm = (input: Shape) => !(input.channels?.length && input.escalation?.length);
const oneAlertingFormError = { message: "use either channels or escalation, not both", path: ["escalation"] };
const oneSchedule = (input: Shape) => !(input.interval !== undefined && input.schedule !== undefined);
const oneScheduleError = { message: "use either interval or schedule, not both", path: ["schedule"] };

export const monitorCreateInput = z
  .strictObject({
    ...fields,
    interval: fields.interval.optional(),
    schedule: fields.schedule.optional(),
    timezone: fields.timezone.optional(),
    slug: fields.slug.default(null),
    grace: fields.grace.default(0),
    early_tolerance: fields.early_tolerance.default(0),
    max_runtime: fields.max_runtime.default(null),
    failure_threshold: fields.failure_threshold.default(1),
    recovery_threshold: fields.recovery_threshold.default(1),
    summary: fields.summary.default(null),
    enabled: fields.enabled.default(true),
    manual_resume: fields.manual_resume.default(false),
    success_keywords: fields.success_keywords.default([]),
    failure_keywords: fields.failure_keywords.default([]),
    maintenance: fields.maintenance.default([]),
    ping_log_size: fields.ping_log_size.default(100),
    channels: fields.channels.default([]),
    escalation: fields.escalation.default([]),
    remind_every: fields.remind_every.default(null),
  })
  .refine(oneAlertingForm, oneAlertingFormError)
  .refine(oneSchedule, oneScheduleError)
  .refine((input) => input.interval !== undefined || input.schedule !== undefined, {
    message: "required: an interval or a schedule",
    path: ["interval"],
  });
export type MonitorCreateInput = z.output<typeof monitorCreateInput>;

export const monitorPatchInput = z
  .strictObject(fields)
  .partial()
  .refine(oneAlertingForm, oneAlertingFormError)
  .refine(oneSchedule, oneScheduleError);
export type MonitorPatchInput = z.output<typeof monitorPatchInput>;
