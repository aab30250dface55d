import { z } from "zod";
import type { Schedule } from "../domain/schedule";
import { previewSchedule, type SchedulePreview } from "../domain/schedule-preview";
import { SCHEDULE_WARNINGS } from "../domain/schedule-warnings";
import type { SchedulePreviewQuery } from "../schemas/schedule-preview";
import { iso } from "../time";
import { Timestamp } from "./time";

const WarningView = z
  .object({
    code: z.enum(SCHEDULE_WARNINGS).meta({
      description:
        "every_minute_of_hour: a `*` minute with chosen hours (60 pings an hour); day_of_month_or_week: both restricted, so either matches; uneven_step: a step that does not divide the hour or day restarts early; missing_days: days 29-31 skip shorter months; grace_longer_than_period: a stopped job alerts only after the grace; short_interval: under a minute.",
    }),
    message: z.string(),
  })
  .meta({ id: "ScheduleWarning" });

export const SchedulePreviewView = z
  .object({
    words: z.string().meta({
      description: "The schedule in words, or the cron expression itself where words would not be exact.",
      examples: ["every day at 02:30 (Europe/Berlin)"],
    }),
    timezone: z.string().meta({ description: "The zone the schedule is read in (UTC for an interval)." }),
    viewer_timezone: z.string().nullable(),
    warnings: z.array(WarningView).meta({ description: "What people commonly misread about such a schedule; empty when nothing." }),
    next: z
      .array(
        z.object({
          at: Timestamp,
          local: z.string().meta({ description: "In `timezone`.", examples: ["Sun 6 Dec 2026, 02:30 GMT+1"] }),
          viewer_local: z.string().nullable().meta({ description: "In `viewer_timezone`; null without one." }),
        }),
      )
      .meta({ description: "The next six expected times: a cron schedule's next occurrences; an interval's if a ping arrived now." }),
  })
  .meta({ id: "SchedulePreview" });

export function renderSchedulePreview(preview: SchedulePreview): z.input<typeof SchedulePreviewView> {
  return {
    words: preview.words,
    timezone: preview.timezone,
    viewer_timezone: preview.viewerTimezone,
    warnings: preview.warnings,
    next: preview.next.map((time) => ({ at: iso(time.at), local: time.local, viewer_local: time.viewer })),
  };
}

/** The preview of a checked query (exactly one of interval and schedule, as the query schema requires). */
export function previewOfQuery(query: SchedulePreviewQuery, now: number): SchedulePreview {
  const schedule: Schedule =
    query.schedule !== undefined
      ? { kind: "cron", cron: query.schedule.trim(), timezone: query.timezone }
      : { kind: "interval", interval: query.interval ?? 0 };
  return previewSchedule(schedule, { now, grace: query.grace ?? null, viewerTimezone: query.viewer_timezone ?? null });
}
