import type { Alert } from "../domain/monitor";
import type { CursorKey } from "./cursor";

interface AlertRow {
  id: string;
  monitor_id: string;
  reason: Alert["reason"];
  opened_at: number;
  closed_at: number | null;
  close_reason: Alert["closeReason"];
}

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    monitorId: row.monitor_id,
    reason: row.reason,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
  };
}

/**
 * Idempotent: replaying the same alert (a retried sync) leaves one row with the latest close. The first
 * insert takes the team of the monitor's row; the object that writes it does not need to know its team.
 * Written only while the monitor's row exists: a deleted monitor's object still closes its alert (and tells
 * receivers) after `deleteMonitor` removed its history, and must not write it back.
 */
export function upsertAlertStatement(db: D1Database, alert: Alert): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO alerts (id, monitor_id, reason, opened_at, closed_at, close_reason, team_id)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, team_id FROM monitors WHERE id = ?2
       ON CONFLICT (id) DO UPDATE SET
         closed_at = COALESCE(excluded.closed_at, alerts.closed_at),
         close_reason = COALESCE(excluded.close_reason, alerts.close_reason)`,
    )
    .bind(alert.id, alert.monitorId, alert.reason, alert.openedAt, alert.closedAt, alert.closeReason);
}

export interface AlertFilter {
  teamId: string;
  status?: "open" | "closed" | undefined;
  monitorId?: string | undefined;
  after: CursorKey | null;
  limit: number;
}

/** Newest first. */
export async function listAlerts(db: D1Database, filter: AlertFilter): Promise<Alert[]> {
  const clauses: string[] = ["team_id = ?"];
  const binds: (string | number)[] = [filter.teamId];
  if (filter.status === "open") clauses.push("closed_at IS NULL");
  if (filter.status === "closed") clauses.push("closed_at IS NOT NULL");
  if (filter.monitorId) {
    clauses.push("monitor_id = ?");
    binds.push(filter.monitorId);
  }
  if (filter.after) {
    clauses.push("(opened_at, id) < (?, ?)");
    binds.push(filter.after.at, filter.after.id);
  }
  const where = `WHERE ${clauses.join(" AND ")}`;
  const { results } = await db
    .prepare(`SELECT * FROM alerts ${where} ORDER BY opened_at DESC, id DESC LIMIT ?`)
    .bind(...binds, filter.limit)
    .all<AlertRow>();
  return results.map(toAlert);
}

export async function getAlert(db: D1Database, teamId: string, id: string): Promise<Alert | null> {
  const row = await db.prepare("SELECT * FROM alerts WHERE id = ? AND team_id = ?").bind(id, teamId).first<AlertRow>();
  return row ? toAlert(row) : null;
}
