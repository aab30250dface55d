/** A monitor's history from its flips: the page of changes, and uptime per day or month. */
import { flipBefore, flipsBetween } from "../db/flips";
import type { MonitorRecord } from "../db/monitors";
import { statusAtStart } from "../domain/status-segments";
import { periodsOf, type UptimePeriod, type UptimePeriodKind, uptime } from "../domain/uptime";
import { invalidInput } from "../errors";

const DAY_MS = 86_400_000;
/** At most this many periods per request (a bit over a year of days, ten years of months). */
const MAX_PERIODS = 400;
/** Flips read for one uptime answer; a monitor flapping more than this in the range is cut short. */
const MAX_FLIPS = 20_000;

export interface UptimeRequest {
  period: UptimePeriodKind;
  from?: number | undefined;
  to?: number | undefined;
  tz: string;
}

/** The default range: the last 30 days, or the last 12 months. */
const defaultFrom = (period: UptimePeriodKind, to: number) => to - (period === "day" ? 30 * DAY_MS : 365 * DAY_MS);

export async function monitorUptime(db: D1Database, record: MonitorRecord, query: UptimeRequest, now: number): Promise<UptimePeriod[]> {
  const to = query.to ?? now;
  const from = query.from ?? defaultFrom(query.period, to);
  if (from >= to) throw invalidInput("query", [{ path: "from", message: "must be before `to`" }]);
  const periods = periodsOf(query.period, query.tz, from, to);
  if (periods.length > MAX_PERIODS) throw invalidInput("query", [{ path: "from", message: `at most ${MAX_PERIODS} periods at once` }]);
  const start = periods[0]?.start ?? from;
  const end = periods.at(-1)?.end ?? to;
  const filter = { teamId: record.teamId, monitorId: record.config.id, from: start, to: end };
  const [flips, previous] = await Promise.all([
    flipsBetween(db, filter, MAX_FLIPS),
    flipBefore(db, record.teamId, record.config.id, start),
  ]);
  const listed = { status: record.status, since: record.statusChangedAt };
  const before = statusAtStart({ previous, firstInWindow: flips[0], listed, from: start });
  return uptime({ flips, before, since: record.config.createdAt, from, to, period: query.period, timeZone: query.tz, now });
}
