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

/** A monitor the sweep should wake, with the time its alarm should have run (ms). */
export interface OverdueMonitor {
  id: string;
  teamId: string;
  missedAt: number;
}

/** The range of the index of one status (`?4`, `?5`, `?6`: WAITING_STATUSES), oldest deadline first, at most `?3` rows: it reads no row past those. */
const waitingRange = (_: string, i: number) =>
  `SELECT * FROM (SELECT id, team_id, next_due_at AS missed_at FROM monitors INDEXED BY monitors_by_status_due
   WHERE status = ?${4 + i} AND next_due_at < ?1 ORDER BY next_due_at LIMIT ?3)`;

/**
 * At most `limit` overdue monitors, those whose alarm should have run longest ago first (ties by id): a
 * backlog larger than a run is worked through oldest first, the same way on every run, rather than in
 * whatever order the index hands out statuses. Each status is its own range of monitors_by_status_due, read
 * in deadline order and cut at `limit`, so a run reads at most `limit` rows per status however large the
 * backlog, plus the late monitors past their missed deadline (few: see OverdueCutoffs), whose order depends
 * on their grace.
 */
export async function overdueMonitors(
  db: D1Database,
  cutoffs: OverdueCutoffs,
  limit: number,
): Promise<{ monitors: OverdueMonitor[]; rowsRead: number }> {
  const { results, meta } = await db
    .prepare(
      `${WAITING_STATUSES.map(waitingRange).join(" UNION ALL ")}
       UNION ALL
       SELECT * FROM (SELECT id, team_id, next_due_at + json_extract(config, '$.grace') * 1000 AS missed_at
         FROM monitors INDEXED BY monitors_by_status_due
         WHERE status = 'late' AND next_due_at < ?2 AND missed_at < ?2 ORDER BY missed_at LIMIT ?3)
       ORDER BY missed_at, id LIMIT ?3`,
    )
    .bind(cutoffs.waitingBefore, cutoffs.lateBefore, limit, ...WAITING_STATUSES)
    .all<{ id: string; team_id: string; missed_at: number }>();
  return { monitors: results.map((row) => ({ id: row.id, teamId: row.team_id, missedAt: row.missed_at })), rowsRead: meta.rows_read };
}
