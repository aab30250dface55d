import type { MonitorStatus } from "../domain/monitor";

/**
 * What the public status page reads (D1 only, no object is woken), every query through the page's key, so
 * another team's monitors are never found. Names and statuses only: no config, token or channel is selected.
 */

export interface StatusPageMonitor {
  id: string;
  name: string;
  status: MonitorStatus;
  statusChangedAt: number;
  createdAt: number;
}

export interface StatusPageFlip {
  monitorId: string;
  at: number;
  from: MonitorStatus | null;
  to: MonitorStatus;
}

export interface StatusPageRows {
  team: { name: string; tag: string } | null;
  monitors: StatusPageMonitor[];
  /** Oldest first per monitor; at most the limit given, in monitor order. */
  flips: StatusPageFlip[];
}

const PAGE_TEAM = "SELECT id, name, status_page_tag FROM teams WHERE status_page_key = ?1";
const PAGE_MONITORS = `SELECT m.id FROM teams t
  JOIN monitor_tags mt ON mt.team_id = t.id AND mt.tag = t.status_page_tag
  JOIN monitors m ON m.id = mt.monitor_id
  WHERE t.status_page_key = ?1`;

/** The page's team, its tag's monitors by name (at most `maxMonitors`), and their flips since `since`, in one round trip. */
export async function statusPageRows(
  db: D1Database,
  key: string,
  since: number,
  maxMonitors: number,
  maxFlips: number,
): Promise<StatusPageRows> {
  const [team, monitors, flips] = await db.batch([
    db.prepare(PAGE_TEAM).bind(key),
    db
      .prepare(
        `SELECT m.id AS id, m.name AS name, m.status AS status, m.status_changed_at AS status_changed_at, m.created_at AS created_at
         FROM monitors m WHERE m.id IN (${PAGE_MONITORS}) ORDER BY m.name, m.id LIMIT ?2`,
      )
      .bind(key, maxMonitors),
    db
      .prepare(
        `SELECT monitor_id, at, from_status, to_status FROM flips
         WHERE monitor_id IN (${PAGE_MONITORS}) AND at >= ?2 ORDER BY monitor_id, at, id LIMIT ?3`,
      )
      .bind(key, since, maxFlips),
  ]);
  const teamRow = team?.results[0] as { name: string; status_page_tag: string | null } | undefined;
  return {
    team: teamRow?.status_page_tag ? { name: teamRow.name, tag: teamRow.status_page_tag } : null,
    monitors: ((monitors?.results ?? []) as MonitorRow[]).map((row) => ({
      id: row.id,
      name: row.name,
      status: row.status,
      statusChangedAt: row.status_changed_at,
      createdAt: row.created_at,
    })),
    flips: ((flips?.results ?? []) as FlipRow[]).map((row) => ({
      monitorId: row.monitor_id,
      at: row.at,
      from: row.from_status,
      to: row.to_status,
    })),
  };
}

interface MonitorRow {
  id: string;
  name: string;
  status: MonitorStatus;
  status_changed_at: number;
  created_at: number;
}

interface FlipRow {
  monitor_id: string;
  at: number;
  from_status: MonitorStatus | null;
  to_status: MonitorStatus;
}
