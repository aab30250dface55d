/**
 * Uptime from flips: per day or month in a time zone, the time a monitor was monitored, and of that the
 * time it was down. Paused time is not monitored and is shown on its own; so is `new` (no ping expected
 * yet). Maintenance windows are not in flips (a miss in one still flips to down, only no alert opens), so
 * they are not subtracted. Pure.
 */
import type { MonitorStatus } from "./monitor";
import { wallClockIn } from "./zone-clock";

export type UptimePeriodKind = "day" | "month";

export interface UptimeInput {
  /** Status changes, oldest first. */
  flips: readonly { at: number; to: MonitorStatus }[];
  /** The status before the first flip (the monitor's first status when nothing came before). */
  before: MonitorStatus;
  /** When the monitor was created: nothing before it counts. */
  since: number;
  /** [from, to): epoch ms, widened to whole periods. */
  from: number;
  to: number;
  period: UptimePeriodKind;
  /** IANA zone the periods are days or months of. */
  timeZone: string;
  now: number;
}

export interface UptimePeriod {
  start: number;
  end: number;
  monitoredMs: number;
  downMs: number;
  pausedMs: number;
}

/** The zone's offset from UTC at `instant`, in ms (positive east of Greenwich). */
function offsetAt(timeZone: string, instant: number): number {
  if (timeZone === "UTC") return 0; // the pages' default zone: no formatting at all
  const clock = wallClockIn(instant, timeZone);
  const local = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return local - Math.floor(instant / 1000) * 1000;
}

/** The instant local midnight of year/month/day starts in the zone (date parts may overflow, as Date.UTC's do). */
function localMidnight(timeZone: string, year: number, month: number, day: number): number {
  const wall = Date.UTC(year, month, day);
  const guess = wall - offsetAt(timeZone, wall);
  return wall - offsetAt(timeZone, guess);
}

/** The local calendar date of `instant` in the zone. */
function localDate(timeZone: string, instant: number): { year: number; month: number; day: number } {
  const d = new Date(instant + offsetAt(timeZone, instant));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

/** The periods covering [from, to), each a whole local day or month. */
export function periodsOf(period: UptimePeriodKind, timeZone: string, from: number, to: number): { start: number; end: number }[] {
  const first = localDate(timeZone, from);
  const startOf = (n: number) =>
    period === "day"
      ? localMidnight(timeZone, first.year, first.month, first.day + n)
      : localMidnight(timeZone, first.year, first.month + n, 1);
  const out: { start: number; end: number }[] = [];
  // Each boundary computed once: it ends one period and starts the next.
  for (let n = 0, start = startOf(0); start < to; n++) {
    const end = startOf(n + 1);
    out.push({ start, end });
    start = end;
  }
  return out;
}

/** Spans of one status, oldest first, ending at `end`. */
function segments(input: UptimeInput, end: number): { start: number; end: number; status: MonitorStatus }[] {
  const out: { start: number; end: number; status: MonitorStatus }[] = [];
  let start = input.since;
  let status = input.before;
  for (const flip of input.flips) {
    if (flip.at > start) out.push({ start, end: Math.min(flip.at, end), status });
    start = Math.max(start, flip.at);
    status = flip.to;
  }
  if (end > start) out.push({ start, end, status });
  return out.filter((s) => s.end > s.start);
}

export function uptime(input: UptimeInput): UptimePeriod[] {
  const spans = segments(input, input.now);
  return periodsOf(input.period, input.timeZone, input.from, input.to).map(({ start, end }) => {
    const totals = { start, end, monitoredMs: 0, downMs: 0, pausedMs: 0 };
    for (const span of spans) {
      const ms = Math.min(end, span.end) - Math.max(start, span.start);
      if (ms <= 0) continue;
      if (span.status === "paused") totals.pausedMs += ms;
      else if (span.status !== "new") totals.monitoredMs += ms;
      if (span.status === "down") totals.downMs += ms;
    }
    return totals;
  });
}
