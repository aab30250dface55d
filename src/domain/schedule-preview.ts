/**
 * What the create/edit form shows beside a schedule, and `GET /api/v1/schedule-preview` answers: the
 * schedule in words, the warnings, and the next expected times in the monitor's zone and the viewer's,
 * all from the server's own schedule code. Pure: `now` is an argument.
 */
import { nextOccurrences, type Schedule } from "./schedule";
import { type ScheduleWarning, scheduleWarnings } from "./schedule-warnings";
import { scheduleWords } from "./schedule-words";

export const PREVIEW_TIMES = 6;

export interface ExpectedTime {
  at: number;
  /** Wall-clock time in the monitor's zone (UTC for an interval): "Sun 6 Dec 2026, 02:30 GMT+1". */
  local: string;
  /** The same in the viewer's zone; null when the viewer's zone is not known. */
  viewer: string | null;
}

export interface SchedulePreview {
  words: string;
  /** The zone the schedule is read in: the cron's `timezone`, UTC for an interval. */
  timezone: string;
  viewerTimezone: string | null;
  warnings: ScheduleWarning[];
  /** A cron schedule's next occurrences; an interval's if a ping arrived now (its timer starts at each ping). */
  next: ExpectedTime[];
}

/** A wall-clock time in `timeZone` with its abbreviation, as a person reads it. */
export function wallClock(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "shortOffset",
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}, ${part("hour")}:${part("minute")} ${part("timeZoneName")}`;
}

export function previewSchedule(
  schedule: Schedule,
  { now, grace, viewerTimezone }: { now: number; grace: number | null; viewerTimezone: string | null },
): SchedulePreview {
  const timezone = schedule.kind === "cron" ? schedule.timezone : "UTC";
  return {
    words: scheduleWords(schedule),
    timezone,
    viewerTimezone,
    warnings: scheduleWarnings(schedule, grace, now),
    next: nextOccurrences(schedule, now, PREVIEW_TIMES).map((at) => ({
      at,
      local: wallClock(at, timezone),
      viewer: viewerTimezone === null ? null : wallClock(at, viewerTimezone),
    })),
  };
}
