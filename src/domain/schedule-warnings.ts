/**
 * Warnings for schedules people misread, the top cause of false alerts on every heartbeat service: a cron
 * expression that runs far more often than its author thinks, days cron ORs together, a step that does not
 * divide the hour, a grace longer than the time between pings. Each one is a fact about what the server
 * will do (read from croner's own parse), never a guess about intent. Pure.
 */
import { type CronSets, cronSets, shapeOf, shortWrapGap } from "./cron-sets";
import { nextOccurrences, type Schedule } from "./schedule";
import { intervalWords, listWords } from "./schedule-words";

export const SCHEDULE_WARNINGS = [
  "every_minute_of_hour",
  "day_of_month_or_week",
  "uneven_step",
  "missing_days",
  "grace_longer_than_period",
  "short_interval",
] as const;
export type ScheduleWarningCode = (typeof SCHEDULE_WARNINGS)[number];
export interface ScheduleWarning {
  code: ScheduleWarningCode;
  message: string;
}

/** Below this, an interval turns a monitor late on a slow start or a slow network. */
const SHORT_INTERVAL = 60;
/** How many upcoming times the shortest gap between expected pings is taken from. */
const GAP_SAMPLE = 12;

const pad = (n: number) => String(n).padStart(2, "0");
const warning = (code: ScheduleWarningCode, message: string): ScheduleWarning => ({ code, message });
/** "1 hour", "5 minutes" (intervalWords without its "every"). */
const span = (seconds: number) =>
  intervalWords(seconds)
    .replace(/^every (?=\d)/, "")
    .replace(/^every /, "1 ");

function everyMinuteOfHour(cron: string, sets: CronSets): ScheduleWarning | null {
  if (sets.minutes.length !== 60 || sets.hours.length === 24) return null;
  const hour = pad(sets.hours[0] ?? 0);
  const fields = cron.trim().split(/\s+/);
  return warning(
    "every_minute_of_hour",
    `the minute field is "*", so this runs every minute of each chosen hour (60 times from ${hour}:00 to ${hour}:59), not once at ${hour}:00; to run once at ${hour}:00, write "${["0", ...fields.slice(1)].join(" ")}"`,
  );
}

function dayOfMonthOrWeek(sets: CronSets): ScheduleWarning | null {
  if (sets.starDays || sets.starWeekdays) return null;
  return warning(
    "day_of_month_or_week",
    "both the day of month and the day of week are restricted: cron runs on every day that matches EITHER of them, not only on days that match both",
  );
}

function unevenSteps(sets: CronSets): ScheduleWarning[] {
  const found: ScheduleWarning[] = [];
  const minuteGap = shortWrapGap(shapeOf(sets.minutes, 0, 59), 60);
  if (minuteGap !== null) {
    const last = sets.minutes.at(-1) ?? 0;
    found.push(
      warning(
        "uneven_step",
        `a minute step restarts at every hour: minutes ${sets.minutes.slice(0, 3).join(", ")}, … ${last}, then minute ${sets.minutes[0]} again only ${minuteGap} minutes later`,
      ),
    );
  }
  const hourGap = shortWrapGap(shapeOf(sets.hours, 0, 23), 24);
  if (hourGap !== null) {
    found.push(
      warning(
        "uneven_step",
        `an hour step restarts at midnight: hour ${sets.hours.at(-1)} is followed by hour ${sets.hours[0]} only ${hourGap} hours later`,
      ),
    );
  }
  return found;
}

/** Days 29 to 31 exist in only some months: no ping is expected in the others. */
function missingDays(sets: CronSets): ScheduleWarning | null {
  if (sets.starDays || !sets.starWeekdays || sets.lastDayOfMonth || sets.days.some((day) => day < 29)) return null;
  return warning(
    "missing_days",
    `day ${listWords(sets.days.map(String))} does not exist in every month: no ping is expected in a month without it ("L" means the last day of every month)`,
  );
}

function cronWarnings(cron: string): ScheduleWarning[] {
  const sets = cronSets(cron);
  const found = [everyMinuteOfHour(cron, sets), dayOfMonthOrWeek(sets), ...unevenSteps(sets), missingDays(sets)];
  return found.filter((item): item is ScheduleWarning => item !== null);
}

/** The shortest time between expected pings, in seconds (sampled over the next few for a cron schedule). */
export function shortestPeriod(schedule: Schedule, now: number): number | null {
  if (schedule.kind === "interval") return schedule.interval;
  const times = nextOccurrences(schedule, now, GAP_SAMPLE);
  const gaps = times.slice(1).map((time, i) => (time - (times[i] ?? time)) / 1000);
  return gaps.length === 0 ? null : Math.min(...gaps);
}

function timingWarnings(schedule: Schedule, grace: number | null, now: number): ScheduleWarning[] {
  const found: ScheduleWarning[] = [];
  if (schedule.kind === "interval" && schedule.interval < SHORT_INTERVAL) {
    found.push(
      warning(
        "short_interval",
        `an interval of ${span(schedule.interval)}: a ping delayed by a slow start or the network makes the monitor late; a longer interval or a grace is steadier`,
      ),
    );
  }
  const period = shortestPeriod(schedule, now);
  if (grace !== null && period !== null && grace > period) {
    found.push(
      warning(
        "grace_longer_than_period",
        `the grace (${span(grace)}) is longer than the time between expected pings (${span(period)}): a job that stops is late after ${span(period)}, but down, and alerted, only ${span(grace)} later`,
      ),
    );
  }
  return found;
}

/** What a reader of this schedule is likely to get wrong; `grace` null when not known. */
export function scheduleWarnings(schedule: Schedule, grace: number | null, now: number): ScheduleWarning[] {
  const cron = schedule.kind === "cron" ? cronWarnings(schedule.cron) : [];
  return [...cron, ...timingWarnings(schedule, grace, now)];
}
