import type { Flip } from "../domain/flips";
import type { MonitorStatus } from "../domain/monitor";
import type { CursorKey } from "./cursor";

interface FlipRow {
  id: string;
  monitor_id: string;
  at: number;
  from_status: MonitorStatus | null;
  to_status: MonitorStatus;
  reason: Flip["reason"];
  alert_id: string | null;
}

const COLUMNS = "id, monitor_id, at, from_status, to_status, reason, alert_id";

const toFlip = (row: FlipRow): Flip => ({
  id: row.id,
  monitorId: row.monitor_id,
  at: row.at,
  from: row.from_status,
  to: row.to_status,
  reason: row.reason,
  alertId: row.alert_id,
});

/**
 * Records a flip under its monitor's team. Idempotent: a replayed sync item has the same id and is
 * ignored; a flip of a monitor already deleted from D1 inserts nothing.
 */
export function insertFlipStatement(db: D1Database, flip: Flip): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO flips (id, team_id, monitor_id, at, from_status, to_status, reason, alert_id)
       SELECT ?, team_id, id, ?, ?, ?, ?, ? FROM monitors WHERE id = ?`,
    )
    .bind(flip.id, flip.at, flip.from, flip.to, flip.reason, flip.alertId, flip.monitorId);
}

export const deleteFlipsStatement = (db: D1Database, monitorId: string): D1PreparedStatement =>
  db.prepare("DELETE FROM flips WHERE monitor_id = ?").bind(monitorId);

export interface FlipFilter {
  teamId: string;
  monitorId: string;
  /** [from, to): epoch ms. */
  from: number;
  to: number;
}

/** Newest first, a page at a time. */
export async function listFlips(db: D1Database, filter: FlipFilter, after: CursorKey | null, limit: number): Promise<Flip[]> {
  const page = after ? "AND (at, id) < (?, ?)" : "";
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM flips WHERE monitor_id = ? AND team_id = ? AND at >= ? AND at < ? ${page}
       ORDER BY at DESC, id DESC LIMIT ?`,
    )
    .bind(filter.monitorId, filter.teamId, filter.from, filter.to, ...(after ? [after.at, after.id] : []), limit)
    .all<FlipRow>();
  return results.map(toFlip);
}

/** The newest flip before `at`: the status a period starts in. */
export async function flipBefore(db: D1Database, teamId: string, monitorId: string, at: number): Promise<Flip | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM flips WHERE monitor_id = ? AND team_id = ? AND at < ? ORDER BY at DESC, id DESC LIMIT 1`)
    .bind(monitorId, teamId, at)
    .first<FlipRow>();
  return row ? toFlip(row) : null;
}

/** Every flip in [from, to), oldest first, for uptime (at most `limit`). */
export async function flipsBetween(db: D1Database, filter: FlipFilter, limit: number): Promise<Flip[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM flips WHERE monitor_id = ? AND team_id = ? AND at >= ? AND at < ? ORDER BY at, id LIMIT ?`)
    .bind(filter.monitorId, filter.teamId, filter.from, filter.to, limit)
    .all<FlipRow>();
  return results.map(toFlip);
}
