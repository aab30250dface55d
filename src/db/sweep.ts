/**
 * The alarm safety net's query (src/cron/jobs.ts): monitors D1 lists as waiting for a deadline that passed
 * long enough ago that their object should have told D1 otherwise. Ranges of monitors_by_status_due
 * (migration 0013): a healthy deployment reads no row past the first one not yet overdue per status.
 */

/**
 * The statuses whose deadline D1 keeps in `next_due_at`: up (the next expected ping), running (the run's
 * timeout) and new (a run started before the first ping). Down and paused wait for nothing.
 */
const WAITING_STATUSES = ["up", "running", "new"] as const;

export interface OverdueCutoffs {
  /** Up, running or new with D1's deadline before this (ms). */
  waitingBefore: number;
  /**
   * Late, past its grace before this (ms): D1's `next_due_at` of a late monitor is the missed deadline, and it
   * goes down `grace` seconds later (domain/schedule.ts). Its config is read only for late rows already past
   * the missed deadline: few, and none in a healthy deployment.
   */
  lateBefore: number;
}

/** Ids of at most `limit` overdue monitors, and the rows D1 read to find them. */
export async function overdueMonitorIds(
  db: D1Database,
  cutoffs: OverdueCutoffs,
  limit: number,
): Promise<{ ids: string[]; rowsRead: number }> {
  const { results, meta } = await db
    .prepare(
      `SELECT id FROM monitors INDEXED BY monitors_by_status_due WHERE status IN (?1, ?2, ?3) AND next_due_at < ?4
       UNION ALL
       SELECT id FROM monitors INDEXED BY monitors_by_status_due
       WHERE status = 'late' AND next_due_at < ?5 AND next_due_at + json_extract(config, '$.grace') * 1000 < ?5
       LIMIT ?6`,
    )
    .bind(...WAITING_STATUSES, cutoffs.waitingBefore, cutoffs.lateBefore, limit)
    .all<{ id: string }>();
  return { ids: results.map((row) => row.id), rowsRead: meta.rows_read };
}
