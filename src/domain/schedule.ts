/**
 * When a monitor expects its pings: every `interval` seconds after the last one, or on a cron schedule in
 * a time zone. Pure: times are ms since the epoch, durations whole seconds (as everywhere in lubdub).
 *
 * Cron arithmetic is croner's; it follows Vixie cron across DST changes, which is what most jobs run on:
 * - a fixed-time job ("30 2 * * *") whose time falls into the spring-forward gap is expected once, at the
 *   end of the gap (03:00), so the day is neither skipped nor alarmed early;
 * - a fixed-time job whose time happens twice on the fall-back day is expected once, at the first pass;
 * - interval-like jobs ("*\/15 * * * *", "@hourly") keep running in real time through both changes.
 * `fixedTimeRule: "no-wildcard"` makes lists such as "30 2,14 * * *" fixed-time too (as in Vixie cron):
 * otherwise they would be expected twice in the repeated hour, and the second, never-sent ping would alarm.
 */
import { Cron, CronPattern } from "croner";
import { iso } from "../time";

export type Schedule = { kind: "interval"; interval: number } | { kind: "cron"; cron: string; timezone: string };

/** When a monitor turns late (the expected time) and down (late plus grace). */
export interface Deadlines {
  lateAt: number;
  downAt: number;
}

const DEFAULT_TIMEZONE = "UTC";
/** A /start with neither max_runtime nor grace must still time out some day. */
const FALLBACK_MAX_RUNTIME = 3600;

const NICKNAMES = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
// Five-field patterns repeat (at the latest with the 400-year Gregorian cycle), so one that matches
// nothing after this date matches nothing ever: "0 0 30 2 *".
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

const CRON_OPTIONS = { mode: "5-part", fixedTimeRule: "no-wildcard" } as const;

function cronOf(cron: string, timezone: string): Cron {
  return new Cron(cron, { timezone, ...CRON_OPTIONS });
}

/** The fields of an expression as croner reads them for the schedule (for words that say what it will do). */
export function cronFields(cron: string): CronPattern {
  return new CronPattern(cron.trim(), DEFAULT_TIMEZONE, CRON_OPTIONS);
}

/** The fields croner names in "Invalid value for <field>: <n>", where <n> is zero-based for day and month. */
const FIELD_RANGES: Record<string, string> = {
  minute: "minute must be 0-59",
  hour: "hour must be 0-23",
  day: "day of month must be 1-31",
  month: "month must be 1-12",
  dayOfWeek: "day of week must be 0-7",
};

function messageOf(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/^Cron\w*: /, "");
  // croner reports day and month values off by one (its own zero-based copy): say the range instead.
  const field = /^Invalid value for (\w+): -?\d+$/.exec(text)?.[1];
  const range = field === undefined ? undefined : FIELD_RANGES[field];
  return range === undefined ? text : `a value is out of range: ${range}`;
}

/** Null when `expr` is a usable cron expression, else why not (for a 400 naming the `cron` field). */
export function validateCron(expr: string): string | null {
  const trimmed = expr.trim();
  if (trimmed.startsWith("@")) {
    if (!NICKNAMES.includes(trimmed.toLowerCase())) return `unknown nickname "${trimmed}"; use one of ${NICKNAMES.join(", ")}`;
  } else {
    const fields = trimmed.split(/\s+/).filter((field) => field !== "").length;
    if (fields === 6 || fields === 7) return "must have 5 fields (minute hour day-of-month month day-of-week); seconds are not supported";
    if (fields !== 5) return "must have 5 fields: minute hour day-of-month month day-of-week";
    // croner reads any pattern with a colon as a one-off ISO date, which is not a schedule.
    if (trimmed.includes(":")) return "must be a cron expression, not a date";
  }
  try {
    if (cronOf(trimmed, DEFAULT_TIMEZONE).nextRun(REFERENCE) === null) return "never matches any date";
  } catch (error) {
    return messageOf(error);
  }
  return null;
}

/** The zone people mean by the abbreviations they write most, for the hint that refuses them. */
const ZONE_OF_ABBREVIATION: Record<string, string> = {
  PST: "America/Los_Angeles",
  PDT: "America/Los_Angeles",
  MST: "America/Denver",
  MDT: "America/Denver",
  CST: "America/Chicago",
  CDT: "America/Chicago",
  EST: "America/New_York",
  EDT: "America/New_York",
  GMT: "Europe/London",
  BST: "Europe/London",
  CET: "Europe/Berlin",
  CEST: "Europe/Berlin",
};

/**
 * An IANA zone name is Area/Location ("Europe/Berlin", "Etc/GMT-2"), or UTC. Intl also knows legacy names
 * without a slash ("PST" is Los Angeles, daylight saving included; "EST" is a fixed -05:00), which people
 * write as abbreviations meaning something else: ambiguous, so refused with the name to use instead.
 */
function abbreviationProblem(tz: string): string | null {
  if (tz.includes("/") || tz === "UTC") return null;
  const zone = ZONE_OF_ABBREVIATION[tz.toUpperCase()];
  const instead = zone ? `a name such as ${zone}` : "its Area/Location name (such as Asia/Tokyo or America/Los_Angeles)";
  return `"${tz}" is not an IANA time zone name (abbreviations are ambiguous and hide daylight saving): use ${instead}, or UTC`;
}

/** Null when `tz` is an IANA time zone name both Intl and croner know, else why not. */
export function validateTimezone(tz: string): string | null {
  const invalid = `unknown time zone "${tz}"; use an IANA name such as Europe/Berlin or UTC`;
  // Intl may accept bare offsets ("+01:00"); they are not zone names and know no DST.
  if (!/^[A-Za-z]/.test(tz)) return invalid;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    cronOf("0 0 * * *", tz).nextRun(REFERENCE);
  } catch {
    return invalid;
  }
  return abbreviationProblem(tz);
}

/**
 * The next expected time strictly after `after`. Null only for a cron expression with no further match
 * (validateCron rejects those); an invalid stored expression throws, so validate before storing.
 */
export function nextOccurrence(schedule: Schedule, after: number): number | null {
  if (schedule.kind === "interval") return after + schedule.interval * 1000;
  return cronOf(schedule.cron, schedule.timezone).nextRun(new Date(after))?.getTime() ?? null;
}

/** The next `n` expected times after `after`, for the API ("next 5 expected times"). */
export function nextOccurrences(schedule: Schedule, after: number, n: number): number[] {
  if (schedule.kind === "interval") return Array.from({ length: n }, (_, i) => after + (i + 1) * schedule.interval * 1000);
  return cronOf(schedule.cron, schedule.timezone)
    .nextRuns(n, new Date(after))
    .map((date) => date.getTime());
}

function withGrace(lateAt: number | null, grace: number): Deadlines | null {
  return lateAt === null ? null : { lateAt, downAt: lateAt + grace * 1000 };
}

/**
 * The deadlines after a ping at `pingAt`. An interval restarts at the ping. A cron schedule expects the
 * next occurrence after the ping; a ping up to `earlyTolerance` seconds before an occurrence counts for
 * it (a job whose clock runs a little fast must not be expected again a moment later).
 */
export function deadlineAfterPing(
  schedule: Schedule,
  pingAt: number,
  { grace, earlyTolerance }: { grace: number; earlyTolerance: number },
): Deadlines | null {
  if (schedule.kind === "interval") return withGrace(pingAt + schedule.interval * 1000, grace);
  return withGrace(nextOccurrence(schedule, pingAt + earlyTolerance * 1000), grace);
}

/**
 * The deadlines of the occurrence after one that was missed (late at `missedLateAt`), so a silent monitor
 * counts one miss per expected ping towards failure_threshold.
 */
export function deadlineAfterMiss(schedule: Schedule, missedLateAt: number, grace: number): Deadlines | null {
  return withGrace(nextOccurrence(schedule, missedLateAt), grace);
}

/**
 * The deadlines of a monitor whose expected ping fell inside a maintenance window ending at `windowEnd`:
 * a full period from the window's end (an interval), or the first occurrence at or after it (cron: the
 * window is half-open, so a run due at its very end is expected), plus the grace. A job stopped for
 * maintenance is not expected back the instant the window closes.
 */
export function deadlineAfterWindow(schedule: Schedule, windowEnd: number, grace: number): Deadlines | null {
  if (schedule.kind === "interval") return withGrace(windowEnd + schedule.interval * 1000, grace);
  return withGrace(nextOccurrence(schedule, windowEnd - 1), grace);
}

/** max_runtime when none is set: the grace (as healthchecks.io does), else one hour. */
export function defaultMaxRuntime(grace: number): number {
  return grace > 0 ? grace : FALLBACK_MAX_RUNTIME;
}

/** When a run begun by /start at `startAt` times out. */
export function runDeadline(startAt: number, maxRuntime: number): number {
  return startAt + maxRuntime * 1000;
}

/**
 * The next five times a ping is expected: a cron schedule's next occurrences from now; an interval's
 * from the pending deadline on (none before the first ping starts the timer).
 */
export function nextExpectedTimes(schedule: Schedule, dueAt: number | null, now: number): string[] {
  if (schedule.kind === "cron") return nextOccurrences(schedule, now, 5).map((t) => iso(t));
  if (dueAt === null) return [];
  return [dueAt, ...nextOccurrences(schedule, dueAt, 4)].map((t) => iso(t));
}
