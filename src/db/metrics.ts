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
  tags: string | null;
}

/** Every monitor of the team with its tags (from the monitor_tags index, not the config JSON). */
export async function metricsMonitors(db: D1Database, teamId: string): Promise<MetricsMonitor[]> {
  const { results } = await db
    .prepare(
      `SELECT m.id, m.slug, m.name, m.status, m.last_ping_at, m.last_duration_ms, m.next_due_at,
         (SELECT group_concat(tag, ',') FROM (SELECT tag FROM monitor_tags WHERE monitor_id = m.id ORDER BY tag)) AS tags
       FROM monitors m WHERE m.team_id = ? ORDER BY m.created_at, m.id`,
    )
    .bind(teamId)
    .all<Row>();
  return results.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    lastPingAt: row.last_ping_at,
    lastDurationMs: row.last_duration_ms,
    nextDueAt: row.next_due_at,
    tags: row.tags ? row.tags.split(",") : [],
  }));
}

export async function openAlertCount(db: D1Database, teamId: string): Promise<number> {
  const row = await db
    .prepare("SELECT count(*) AS n FROM alerts WHERE team_id = ? AND closed_at IS NULL")
    .bind(teamId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
