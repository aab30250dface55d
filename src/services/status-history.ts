/** A monitor's status over a window as segments, from its flips (the timeline and the list's strips draw them). */
import { flipBefore, flipsBetween } from "../db/flips";
import type { MonitorRecord } from "../db/monitors";
import { type StatusSegment, statusAtStart, statusSegments } from "../domain/status-segments";

/** Flips read for one window; a monitor flapping more than this in it is drawn up to the last one read. */
const MAX_FLIPS = 5_000;

/** The segments of [from, to), oldest first; nothing before the monitor was created. */
export async function monitorSegments(db: D1Database, record: MonitorRecord, from: number, to: number): Promise<StatusSegment[]> {
  const filter = { teamId: record.teamId, monitorId: record.config.id, from, to };
  const [flips, previous] = await Promise.all([flipsBetween(db, filter, MAX_FLIPS), flipBefore(db, record.teamId, record.config.id, from)]);
  const listed = { status: record.status, since: record.statusChangedAt };
  const before = statusAtStart({ previous, firstInWindow: flips[0], listed, from });
  return statusSegments({ flips, before, from, to, since: record.config.createdAt });
}
