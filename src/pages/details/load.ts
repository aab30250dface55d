/**
 * Everything the details page shows, read the way the API reads it: the monitor from D1 (404 when not the
 * team's), its live state and ping log from its object, flips, alerts and deliveries from D1, uptime
 * through services/history.ts and the timeline through services/status-history.ts.
 */
import { listAlerts } from "../../db/alerts";
import { teamChannels } from "../../db/channels";
import { listDeliveriesForAlerts } from "../../db/deliveries";
import { listFlips } from "../../db/flips";
import { getMonitor, type MonitorRecord } from "../../db/monitors";
import type { TeamRecord } from "../../db/teams";
import type { MonitorSnapshot } from "../../do/monitor-object";
import type { PingEntry } from "../../do/storage/ping-log";
import { monitorStub } from "../../do/stub";
import type { StatusSegment } from "../../domain/status-segments";
import type { UptimePeriod } from "../../domain/uptime";
import { notFound } from "../../errors";
import { findOr404 } from "../../routes/lookup";
import { monitorUptime } from "../../services/history";
import { monitorSegments } from "../../services/status-history";
import { teamOf } from "../../services/team";
import { TIMELINE_RANGES, type TimelineRange } from "../charts/timeline";
import { type LogEvent, mergeEvents } from "./events";

/** How much of each source the event log reads; the merged log shows at most EVENTS. */
const PINGS = 50;
const FLIPS = 50;
const ALERTS = 10;
const EVENTS = 100;

export interface DetailsData {
  record: MonitorRecord;
  snapshot: MonitorSnapshot;
  team: TeamRecord;
  segments: StatusSegment[];
  /** Per day over the range (whole days in the chosen zone). */
  rangeUptime: UptimePeriod[];
  /** Per month, the last 12, newest last. */
  months: UptimePeriod[];
  pings: PingEntry[];
  events: LogEvent[];
}

/**
 * What the details page's live parts depend on that can move while it is open: an edit (D1's changed_at),
 * and the object's status, last ping and next deadline. The live-details script polls it (`/version`).
 */
export function detailsVersion(record: MonitorRecord, snapshot: MonitorSnapshot): string {
  const { state } = snapshot;
  return [record.changedAt, state.status, state.statusChangedAt, state.lastPingAt ?? 0, snapshot.nextDueAt ?? 0].join(".");
}

/** The version alone: the monitor's row and its object's snapshot, nothing of the history. */
export async function loadDetailsVersion(env: Env, teamId: string, id: string): Promise<string> {
  const record = await findTeamMonitor(env.DB, teamId, id);
  const snapshot = await monitorStub(env, record.config.id).snapshot();
  if (!snapshot) throw notFound("monitor");
  return detailsVersion(record, snapshot);
}

export const findTeamMonitor = (db: D1Database, teamId: string, id: string): Promise<MonitorRecord> =>
  findOr404("monitor", id, (id) => getMonitor(db, teamId, id));

async function eventLog(db: D1Database, record: MonitorRecord, pings: PingEntry[], now: number): Promise<LogEvent[]> {
  const monitorId = record.config.id;
  const [flips, alerts] = await Promise.all([
    listFlips(db, { teamId: record.teamId, monitorId, from: 0, to: now + 1 }, null, FLIPS),
    listAlerts(db, { teamId: record.teamId, monitorId, after: null, limit: ALERTS }),
  ]);
  const deliveries = await listDeliveriesForAlerts(
    db,
    record.teamId,
    alerts.map((alert) => alert.id),
  );
  const channelIds = [...new Set(deliveries.map((d) => d.channelId))];
  const channels = channelIds.length > 0 ? await teamChannels(db, record.teamId, channelIds) : [];
  const channelNames = new Map(channels.map((c) => [c.id, c.name]));
  return mergeEvents({ pings, flips, alerts, deliveries, channelNames }, EVENTS);
}

export async function loadDetails(
  env: Env,
  teamId: string,
  id: string,
  view: { range: TimelineRange; timeZone: string },
  now: number,
): Promise<DetailsData> {
  const record = await findTeamMonitor(env.DB, teamId, id);
  const stub = monitorStub(env, record.config.id);
  const [snapshot, pings] = await Promise.all([stub.snapshot(), stub.pings(null, PINGS)]);
  if (!snapshot || !pings) throw notFound("monitor");
  const from = now - TIMELINE_RANGES[view.range].ms;
  const [team, segments, rangeUptime, months, events] = await Promise.all([
    teamOf(env.DB, teamId),
    monitorSegments(env.DB, record, from, now),
    monitorUptime(env.DB, record, { period: "day", from, to: now, tz: view.timeZone }, now),
    monitorUptime(env.DB, record, { period: "month", tz: view.timeZone }, now),
    eventLog(env.DB, record, pings, now),
  ]);
  return { record, snapshot, team, segments, rangeUptime, months, pings, events };
}
