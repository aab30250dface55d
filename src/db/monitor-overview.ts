import { MONITOR_STATUSES, type MonitorStatus } from "../domain/monitor";
import { STATUS_SEVERITY } from "../domain/status-segments";

/**
 * What the dashboard's monitor list shows besides the rows themselves (src/db/monitors.ts listMonitors):
 * counts by status, each tag's worst status, and the flips of a page's monitors for their 24-hour strips. Each
 * is one query on an index, whatever the page's size.
 */

export type StatusCounts = Record<MonitorStatus, number>;

/** The team's monitors per status (a covering read of monitors_by_team_status). */
export async function countByStatus(db: D1Database, teamId: string): Promise<StatusCounts> {
  const { results } = await db
    .prepare("SELECT status, COUNT(*) AS n FROM monitors WHERE team_id = ? GROUP BY status")
    .bind(teamId)
    .all<{ status: MonitorStatus; n: number }>();
  const counts = Object.fromEntries(MONITOR_STATUSES.options.map((status) => [status, 0])) as StatusCounts;
  for (const row of results) if (row.status in counts) counts[row.status] = row.n;
  return counts;
}

/** A tag with fewer monitors than this has its monitors' rows read; a larger one is looked for status by status. */
export const SMALL_TAG = 100;

/** The worst status among a small tag's monitors: each of their rows read (at most SMALL_TAG). */
const SMALL_TAG_WORST = `SELECT m.status FROM monitor_tags t CROSS JOIN monitors m ON m.id = t.monitor_id
  WHERE t.team_id = ?1 AND t.tag = j.value ORDER BY (SELECT s.key FROM json_each(?2) s WHERE s.value = m.status) LIMIT 1`;

/**
 * The worst status of a large tag: statuses tried worst first, each walking the team's monitors of that status
 * on monitors_by_team_status (covering, no row read) and probing the tag's index, stopping at the first match.
 */
const LARGE_TAG_WORST = `SELECT s.value FROM json_each(?2) s WHERE EXISTS (
    SELECT 1 FROM monitors m CROSS JOIN monitor_tags t ON t.monitor_id = m.id
    WHERE m.team_id = ?1 AND m.status = s.value AND t.team_id = ?1 AND t.tag = j.value)
  ORDER BY s.key LIMIT 1`;

/**
 * Each tag's worst status among all the team's monitors with it (tags no monitor has are left out), in one
 * query. Reading every tagged monitor's row cost ~30 ms of SQLite for tags with 10,000 monitors; so a small
 * tag (under `smallTag` monitors, counted on the tag's index up to that) has its few rows read, and a large
 * one costs the team's monitors whose status is worse than the tag's worst (few, on a healthy team: a large
 * tag of only paused or never-pinged monitors walks the team's up monitors, ~0.7 ms per 1,000).
 */
export async function worstStatusOfTags(
  db: D1Database,
  teamId: string,
  tags: string[],
  smallTag = SMALL_TAG,
): Promise<Map<string, MonitorStatus>> {
  const worst = new Map<string, MonitorStatus>();
  if (tags.length === 0) return worst;
  const { results } = await db
    .prepare(
      `SELECT j.value AS tag,
         CASE WHEN (SELECT COUNT(*) FROM (SELECT 1 FROM monitor_tags WHERE team_id = ?1 AND tag = j.value LIMIT ?4)) < ?4
           THEN (${SMALL_TAG_WORST}) ELSE (${LARGE_TAG_WORST}) END AS status
       FROM json_each(?3) j`,
    )
    .bind(teamId, JSON.stringify(STATUS_SEVERITY), JSON.stringify(tags), smallTag)
    .all<{ tag: string; status: MonitorStatus | null }>();
  for (const row of results) if (row.status) worst.set(row.tag, row.status);
  return worst;
}

export interface StripFlip {
  at: number;
  from: MonitorStatus | null;
  to: MonitorStatus;
}

/**
 * The flips since `from` of these monitors, oldest first per monitor, in one query (flips_by_monitor, one
 * probe per id; the ids go as one JSON parameter, since D1 binds at most 100). `limit` bounds a flapping
 * page's read.
 */
export async function flipsOfMonitorsSince(
  db: D1Database,
  teamId: string,
  monitorIds: string[],
  from: number,
  limit: number,
): Promise<Map<string, StripFlip[]>> {
  const byMonitor = new Map<string, StripFlip[]>();
  if (monitorIds.length === 0) return byMonitor;
  const { results } = await db
    .prepare(
      `SELECT monitor_id, at, from_status, to_status FROM flips
       WHERE monitor_id IN (SELECT value FROM json_each(?)) AND at >= ? AND team_id = ?
       ORDER BY monitor_id, at, id LIMIT ?`,
    )
    .bind(JSON.stringify(monitorIds), from, teamId, limit)
    .all<{ monitor_id: string; at: number; from_status: MonitorStatus | null; to_status: MonitorStatus }>();
  for (const row of results) {
    const flip = { at: row.at, from: row.from_status, to: row.to_status };
    byMonitor.set(row.monitor_id, [...(byMonitor.get(row.monitor_id) ?? []), flip]);
  }
  return byMonitor;
}

/** The names of those of these monitors that are the team's (a bulk action's report). */
export async function namesOfMonitors(db: D1Database, teamId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { results } = await db
    .prepare("SELECT id, name FROM monitors WHERE id IN (SELECT value FROM json_each(?)) AND team_id = ?")
    .bind(JSON.stringify(ids), teamId)
    .all<{ id: string; name: string }>();
  return new Map(results.map((row) => [row.id, row.name]));
}
