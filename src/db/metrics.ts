import type { MetricsMonitor } from "../domain/metrics";
import type { MonitorStatus } from "../domain/monitor";

interface Row {
  id: string;
  slug: string | null;
  name: string;
  status: MonitorStatus;
  last_ping_at: number | null;
  last_duration_ms: number | null;
  next_due_at: number | null;
  created_at: number;
  tags: string | null;
}

/** Where a page of the team's monitors ends: the next page starts after it (created_at, then id). */
export interface MetricsPageKey {
  createdAt: number;
  id: string;
}

/**
 * One page of the team's monitors in creation order, after `after`, with their tags (from the monitor_tags
 * index, not the config JSON): a range of monitors_by_team (team_id, created_at, id), so a page reads its
 * own rows and no others, however large the team.
 */
export async function metricsMonitorsPage(
  db: D1Database,
  teamId: string,
  after: MetricsPageKey | null,
  limit: number,
): Promise<{ monitors: MetricsMonitor[]; last: MetricsPageKey | null }> {
  const { results } = await db
    .prepare(
      `SELECT m.id, m.slug, m.name, m.status, m.last_ping_at, m.last_duration_ms, m.next_due_at, m.created_at,
         (SELECT group_concat(tag, ',') FROM (SELECT tag FROM monitor_tags WHERE monitor_id = m.id ORDER BY tag)) AS tags
       FROM monitors m INDEXED BY monitors_by_team
       WHERE m.team_id = ?1 AND (m.created_at, m.id) > (?2, ?3) ORDER BY m.created_at, m.id LIMIT ?4`,
    )
    .bind(teamId, after?.createdAt ?? -1, after?.id ?? "", limit)
    .all<Row>();
  const lastRow = results.at(-1);
  return {
    monitors: results.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      status: row.status,
      lastPingAt: row.last_ping_at,
      lastDurationMs: row.last_duration_ms,
      nextDueAt: row.next_due_at,
      tags: row.tags ? row.tags.split(",") : [],
    })),
    last: lastRow ? { createdAt: lastRow.created_at, id: lastRow.id } : null,
  };
}

export async function openAlertCount(db: D1Database, teamId: string): Promise<number> {
  const row = await db
    .prepare("SELECT count(*) AS n FROM alerts WHERE team_id = ? AND closed_at IS NULL")
    .bind(teamId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
