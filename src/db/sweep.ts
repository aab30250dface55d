/**
 * The alarm safety net's query (src/scheduled.ts): monitors D1 lists as waiting for a deadline that passed
 * long enough ago that their object should have told D1 otherwise. One range of monitors_by_status_due
 * (migration 0013) per status: a healthy deployment reads no row past the first one not yet overdue.
 */

/**
 * The statuses whose deadline D1 keeps in `next_due_at`: up (the next expected ping), running (the run's
 * timeout) and new (a run started before the first ping). Late, down and paused are not "healthy".
 */
const WAITING_STATUSES = ["up", "running", "new"] as const;

/** Ids of at most `limit` monitors whose D1 deadline is before `overdueBefore` (ms), most overdue first per status. */
export async function overdueMonitorIds(
  db: D1Database,
  overdueBefore: number,
  limit: number,
): Promise<{ ids: string[]; rowsRead: number }> {
  const { results, meta } = await db
    .prepare(
      `SELECT id FROM monitors INDEXED BY monitors_by_status_due
       WHERE status IN (?1, ?2, ?3) AND next_due_at < ?4 LIMIT ?5`,
    )
    .bind(...WAITING_STATUSES, overdueBefore, limit)
    .all<{ id: string }>();
  return { ids: results.map((row) => row.id), rowsRead: meta.rows_read };
}
