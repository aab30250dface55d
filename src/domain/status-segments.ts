/**
 * A monitor's status over a window as segments (one per span of one status), and the same squeezed into a
 * strip of N equal buckets for the list's 24-hour strip and the details page's timeline. Pure.
 *
 * Maintenance windows are not flips (a miss in one still flips to down, only no alert opens), so there is
 * no maintenance segment; a strip's caller that wants one draws the windows over it.
 */
import type { MonitorStatus } from "./monitor";

export interface StatusSegment {
  status: MonitorStatus;
  /** [start, end): epoch ms. */
  start: number;
  end: number;
}

export interface SegmentsInput {
  /** Status changes, oldest first; flips before `from` only set the starting status, those at or after `to` are ignored. */
  flips: readonly { at: number; to: MonitorStatus }[];
  /** The status at `from` (before the first flip passed). */
  before: MonitorStatus;
  /** [from, to): epoch ms; pass `now` as `to` for a window ending now. */
  from: number;
  to: number;
  /** When the monitor was created: nothing before it is drawn (the strip shows no status there). */
  since?: number;
}

/**
 * Worst first: what a strip bucket shows when several statuses share it. A down minute must never hide
 * behind an hour of up; late and running are the states someone may be waiting on; paused and new are
 * the monitor not watching at all, so they lose to anything it saw.
 */
export const STATUS_SEVERITY: readonly MonitorStatus[] = ["down", "late", "running", "up", "paused", "new"];

const rank = (status: MonitorStatus) => STATUS_SEVERITY.indexOf(status);

/** The worse of two statuses (null: no status, loses to any). */
export function worseStatus(a: MonitorStatus | null, b: MonitorStatus | null): MonitorStatus | null {
  if (a === null) return b;
  if (b === null) return a;
  return rank(a) <= rank(b) ? a : b;
}

/**
 * The status a window starts in: the last flip before it; else the first flip in it says where it came
 * from; else (no flips at all, a monitor from before flips were kept) the listed status if it already held
 * at the start, otherwise `new` (not yet monitored).
 */
export function statusAtStart(input: {
  previous: { to: MonitorStatus } | null;
  firstInWindow: { from: MonitorStatus | null } | undefined;
  listed: { status: MonitorStatus; since: number };
  from: number;
}): MonitorStatus {
  return input.previous?.to ?? input.firstInWindow?.from ?? (input.listed.since <= input.from ? input.listed.status : "new");
}

/** The segments covering [max(from, since), to), oldest first, adjacent ones of one status merged. */
export function statusSegments(input: SegmentsInput): StatusSegment[] {
  const windowStart = Math.max(input.from, input.since ?? input.from);
  const out: StatusSegment[] = [];
  const push = (status: MonitorStatus, start: number, end: number) => {
    const s = Math.max(start, windowStart);
    const e = Math.min(end, input.to);
    if (e <= s) return;
    const last = out.at(-1);
    if (last && last.status === status && last.end === s) last.end = e;
    else out.push({ status, start: s, end: e });
  };
  let status = input.before;
  let start = windowStart;
  for (const flip of input.flips) {
    if (flip.at >= input.to) break;
    if (flip.at > start) push(status, start, flip.at);
    start = Math.max(start, flip.at);
    status = flip.to;
  }
  push(status, start, input.to);
  return out;
}

/** Bucket i of n over [from, to): integer bounds, so buckets tile the window exactly. */
export function bucketBounds(from: number, to: number, n: number, i: number): { start: number; end: number } {
  const width = to - from;
  return { start: from + Math.floor((width * i) / n), end: from + Math.floor((width * (i + 1)) / n) };
}

/**
 * A strip of `n` equal buckets over [from, to): each bucket's worst status among the segments that
 * overlap it for any time, or null where no segment does (before the monitor existed, after `to`).
 */
export function statusStrip(segments: readonly StatusSegment[], from: number, to: number, n: number): (MonitorStatus | null)[] {
  const strip: (MonitorStatus | null)[] = [];
  if (n <= 0 || to <= from) return strip;
  let first = 0;
  for (let i = 0; i < n; i++) {
    const { start, end } = bucketBounds(from, to, n, i);
    // Segments are in order: skip those wholly before this bucket once and for all.
    while (first < segments.length && (segments[first]?.end ?? 0) <= start) first++;
    let worst: MonitorStatus | null = null;
    for (let j = first; j < segments.length; j++) {
      const segment = segments[j];
      if (!segment || segment.start >= end) break;
      if (segment.end > start) worst = worseStatus(worst, segment.status);
    }
    strip.push(worst);
  }
  return strip;
}

/** A strip as runs of equal buckets (fewer shapes to draw): `count` buckets from `index` on show `status`. */
export function stripRuns(strip: readonly (MonitorStatus | null)[]): { status: MonitorStatus | null; index: number; count: number }[] {
  const runs: { status: MonitorStatus | null; index: number; count: number }[] = [];
  strip.forEach((status, index) => {
    const last = runs.at(-1);
    if (last && last.status === status) last.count++;
    else runs.push({ status, index, count: 1 });
  });
  return runs;
}
