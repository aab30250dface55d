import type { MonitorStatus } from "../domain/monitor";

/**
 * What the public badge routes read: statuses and names, as of each monitor's last status change (D1 only,
 * no object is woken). Every query goes through the team's badge key, so another team's monitor is never found.
 */

/** A monitor of the badge key's team, by id or by slug. */
export async function badgeMonitor(
  db: D1Database,
  badgeKey: string,
  by: { id: string } | { slug: string },
): Promise<{ name: string; status: MonitorStatus } | null> {
  const [column, value] = "id" in by ? ["m.id", by.id] : ["m.slug", by.slug];
  return db
    .prepare(
      `SELECT m.name AS name, m.status AS status FROM monitors m JOIN teams t ON t.id = m.team_id WHERE t.badge_key = ? AND ${column} = ?`,
    )
    .bind(badgeKey, value)
    .first<{ name: string; status: MonitorStatus }>();
}

/** The statuses of the badge key's team's monitors that have `tag` (none: no such tag, or no such key). */
export async function badgeTagStatuses(db: D1Database, badgeKey: string, tag: string): Promise<MonitorStatus[]> {
  const { results } = await db
    .prepare(
      `SELECT m.status AS status FROM teams t
       JOIN monitor_tags mt ON mt.team_id = t.id AND mt.tag = ?
       JOIN monitors m ON m.id = mt.monitor_id
       WHERE t.badge_key = ?`,
    )
    .bind(tag, badgeKey)
    .all<{ status: MonitorStatus }>();
  return results.map((row) => row.status);
}
