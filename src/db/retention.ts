/**
 * Retention (the Cron Trigger, src/scheduled.ts): old history leaves D1 a bounded batch at a time, oldest
 * first, each batch one short statement found by an index (migrations 0010 and 0013), so a run never holds
 * D1 for long and a backlog drains over several runs. Open alerts and their deliveries are never touched.
 */

/** Rows deleted per table by one run, as D1 reported them. */
export interface PrunedRows {
  deliveries: number;
  alerts: number;
  flips: number;
  sessions: number;
}

/**
 * Deliveries first, then the alerts left without any: an alert is deleted only once its deliveries are, so
 * a run cut short never leaves deliveries whose alert is gone. `cutoff` (ms) is the retention cutoff for
 * alerts (by `closed_at`) and flips (by `at`); sessions go once expired at `now`; `limit` bounds each batch.
 */
export async function pruneHistory(db: D1Database, cutoff: number, now: number, limit: number): Promise<PrunedRows> {
  const [deliveries, alerts, flips, sessions] = await db.batch([
    db
      .prepare(
        `DELETE FROM deliveries WHERE rowid IN (
           SELECT d.rowid FROM alerts a JOIN deliveries d ON d.alert_id = a.id
           WHERE a.closed_at IS NOT NULL AND a.closed_at < ?1 LIMIT ?2)`,
      )
      .bind(cutoff, limit),
    db
      .prepare(
        `DELETE FROM alerts WHERE rowid IN (
           SELECT a.rowid FROM alerts a
           WHERE a.closed_at IS NOT NULL AND a.closed_at < ?1
             AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.alert_id = a.id) LIMIT ?2)`,
      )
      .bind(cutoff, limit),
    db.prepare("DELETE FROM flips WHERE rowid IN (SELECT rowid FROM flips WHERE at < ?1 LIMIT ?2)").bind(cutoff, limit),
    db.prepare("DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions WHERE expires_at < ?1 LIMIT ?2)").bind(now, limit),
  ]);
  const changes = (result: D1Result | undefined) => result?.meta.changes ?? 0;
  return { deliveries: changes(deliveries), alerts: changes(alerts), flips: changes(flips), sessions: changes(sessions) };
}
