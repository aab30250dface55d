/** The public status page's data: one tag's monitors, each with its status and a 90-day strip from its flips. */
import { type StatusPageFlip, type StatusPageMonitor, statusPageRows } from "../db/status-page";
import { BADGE_STATE, type BadgeState, worstState } from "../domain/badge";
import type { MonitorStatus } from "../domain/monitor";
import { statusAtStart, statusSegments, statusStrip } from "../domain/status-segments";
import { uptime } from "../domain/uptime";

const DAY_MS = 86_400_000;
export const STATUS_PAGE_DAYS = 90;
/** A status page is a summary: a tag with more monitors shows the first ones by name, and says how many are left out. */
export const STATUS_PAGE_MAX_MONITORS = 100;
/** Flips read for one page; a tag flapping more than this in 90 days has its later days cut short. */
const MAX_FLIPS = 20_000;

/** A day of the strip (UTC): its worst status (status-segments.ts), a running job reading as up; none: not monitored. */
export type DayState = "up" | "late" | "down" | "paused" | "none";

export interface StatusDay {
  /** Midnight UTC. */
  start: number;
  state: DayState;
  monitoredMs: number;
  downMs: number;
}

export interface StatusPageEntry {
  name: string;
  /** As the badges read it: a running job reads as up. */
  state: BadgeState;
  days: StatusDay[];
  /** Down time out of monitored time over the strip; null: not monitored in it. */
  uptimeRatio: number | null;
}

export interface StatusPageData {
  teamName: string;
  tag: string;
  /** The worst state of the listed monitors; null: the tag has none. */
  overall: BadgeState | null;
  monitors: StatusPageEntry[];
  /** True when the tag has more monitors than the page shows. */
  truncated: boolean;
}

const DAY_STATE: Record<MonitorStatus, DayState> = { up: "up", running: "up", late: "late", down: "down", paused: "paused", new: "none" };

/**
 * The 90 UTC days up to and including today, from the monitor's flips in them (oldest first): each day's
 * worst status from its status segments, and its down time from uptime (the API's rule).
 */
function strip(monitor: StatusPageMonitor, flips: StatusPageFlip[], from: number, now: number): StatusDay[] {
  const listed = { status: monitor.status, since: monitor.statusChangedAt };
  const before = statusAtStart({ previous: null, firstInWindow: flips[0], listed, from });
  const segments = statusSegments({ flips, before, from, to: now, since: monitor.createdAt });
  const worst = statusStrip(segments, from, from + STATUS_PAGE_DAYS * DAY_MS, STATUS_PAGE_DAYS);
  const periods = uptime({ flips, before, since: monitor.createdAt, from, to: now, period: "day", timeZone: "UTC", now });
  return periods.map((p, i) => {
    const status = worst[i] ?? null;
    return { start: p.start, state: status ? DAY_STATE[status] : "none", monitoredMs: p.monitoredMs, downMs: p.downMs };
  });
}

function entryOf(monitor: StatusPageMonitor, flips: StatusPageFlip[], from: number, now: number): StatusPageEntry {
  const days = strip(monitor, flips, from, now);
  const monitored = days.reduce((sum, d) => sum + d.monitoredMs, 0);
  const down = days.reduce((sum, d) => sum + d.downMs, 0);
  return { name: monitor.name, state: BADGE_STATE[monitor.status], days, uptimeRatio: monitored > 0 ? 1 - down / monitored : null };
}

/** The page behind `key`, or null when no team has that key (never had, turned off, rotated). */
export async function statusPage(db: D1Database, key: string, now: number): Promise<StatusPageData | null> {
  const from = Math.floor(now / DAY_MS) * DAY_MS - (STATUS_PAGE_DAYS - 1) * DAY_MS;
  const rows = await statusPageRows(db, key, from, STATUS_PAGE_MAX_MONITORS + 1, MAX_FLIPS);
  if (!rows.team) return null;
  const byMonitor = new Map<string, StatusPageFlip[]>();
  for (const flip of rows.flips) {
    const list = byMonitor.get(flip.monitorId);
    if (list) list.push(flip);
    else byMonitor.set(flip.monitorId, [flip]);
  }
  const listed = rows.monitors.slice(0, STATUS_PAGE_MAX_MONITORS);
  const monitors = listed.map((m) => entryOf(m, byMonitor.get(m.id) ?? [], from, now));
  return {
    teamName: rows.team.name,
    tag: rows.team.tag,
    overall: worstState(monitors.map((m) => m.state)),
    monitors,
    truncated: rows.monitors.length > STATUS_PAGE_MAX_MONITORS,
  };
}

/** Where a page is kept in this location's cache (caches.default): its URL without a query, so `?x=1` cannot bypass it. */
export const statusPageCacheKey = (origin: string, key: string): Request => new Request(`${origin}/status/${key}`);

/**
 * Drops a page turned off or rotated from this location's cache, so its old URL stops answering here at
 * once; other locations drop it within the minute it is cached for (the Cache API does not replicate).
 */
export async function forgetStatusPage(origin: string, key: string): Promise<void> {
  if (typeof caches !== "undefined") await caches.default.delete(statusPageCacheKey(origin, key));
}
