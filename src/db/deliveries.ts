import type { CursorKey } from "./cursor";

/** `suppressed`: held back by the monitor's snooze; `skipped`: the channel was failing. Neither is attempted (`last_error` says why). */
export type DeliveryStatus = "pending" | "delivered" | "failed" | "suppressed" | "skipped";

/** One notification of one event to one channel, as the delivery log shows it. */
export interface DeliveryRecord {
  id: string;
  alertId: string;
  monitorId: string;
  channelId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: number | null;
  deliveredAt: number | null;
  payload: string;
  createdAt: number;
  updatedAt: number;
  /** Set when the event went out in an alert storm's grouped message (its id, the message's `webhook-id`); else absent or null. */
  groupId?: string | null;
}

interface DeliveryRow {
  id: string;
  alert_id: string;
  monitor_id: string;
  channel_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: number | null;
  delivered_at: number | null;
  payload: string;
  created_at: number;
  updated_at: number;
  group_id: string | null;
}

function toRecord(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    alertId: row.alert_id,
    monitorId: row.monitor_id,
    channelId: row.channel_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
    payload: row.payload,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    groupId: row.group_id,
  };
}

/**
 * Idempotent and ordered: a replayed or late report never overwrites a newer one. The first insert takes
 * the team of its alert's row (synced before it, in the same lane), else of its monitor's. Written only
 * while the monitor's row exists (as alerts are): a deleted monitor's last deliveries leave no row behind.
 */
export function upsertDeliveryStatement(db: D1Database, d: DeliveryRecord): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO deliveries (id, alert_id, monitor_id, channel_id, event_type, status, attempts, last_status_code,
         last_error, next_attempt_at, delivered_at, payload, created_at, updated_at, team_id, group_id)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
         COALESCE((SELECT team_id FROM alerts WHERE id = ?2), m.team_id), ?15
       FROM monitors m WHERE m.id = ?3
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
         last_status_code = excluded.last_status_code, last_error = excluded.last_error,
         next_attempt_at = excluded.next_attempt_at, delivered_at = excluded.delivered_at,
         updated_at = excluded.updated_at, group_id = COALESCE(excluded.group_id, deliveries.group_id)
       WHERE excluded.updated_at >= deliveries.updated_at`,
    )
    .bind(
      d.id,
      d.alertId,
      d.monitorId,
      d.channelId,
      d.eventType,
      d.status,
      d.attempts,
      d.lastStatusCode,
      d.lastError,
      d.nextAttemptAt,
      d.deliveredAt,
      d.payload,
      d.createdAt,
      d.updatedAt,
      d.groupId ?? null,
    );
}

export async function getDelivery(db: D1Database, teamId: string, id: string): Promise<DeliveryRecord | null> {
  const row = await db.prepare("SELECT * FROM deliveries WHERE id = ? AND team_id = ?").bind(id, teamId).first<DeliveryRow>();
  return row ? toRecord(row) : null;
}

/** The alert's deliveries; the caller found the alert in its team, so its deliveries are the team's. */
export async function listDeliveriesForAlert(db: D1Database, alertId: string): Promise<DeliveryRecord[]> {
  const { results } = await db
    .prepare("SELECT * FROM deliveries WHERE alert_id = ? ORDER BY created_at, id")
    .bind(alertId)
    .all<DeliveryRow>();
  return results.map(toRecord);
}

/** The deliveries of several alerts of one team at once (the details page's event log), oldest first. */
export async function listDeliveriesForAlerts(db: D1Database, teamId: string, alertIds: string[]): Promise<DeliveryRecord[]> {
  if (alertIds.length === 0) return [];
  const { results } = await db
    .prepare("SELECT * FROM deliveries WHERE alert_id IN (SELECT value FROM json_each(?)) AND team_id = ? ORDER BY created_at, id")
    .bind(JSON.stringify(alertIds), teamId)
    .all<DeliveryRow>();
  return results.map(toRecord);
}

/** Newest first. The caller found the channel in its team; only monitors of that team can send to it. */
export async function listDeliveriesForChannel(
  db: D1Database,
  channelId: string,
  after: CursorKey | null,
  limit: number,
): Promise<DeliveryRecord[]> {
  const where = after ? "AND (created_at, id) < (?, ?)" : "";
  const binds = after ? [channelId, after.at, after.id, limit] : [channelId, limit];
  const { results } = await db
    .prepare(`SELECT * FROM deliveries WHERE channel_id = ? ${where} ORDER BY created_at DESC, id DESC LIMIT ?`)
    .bind(...binds)
    .all<DeliveryRow>();
  return results.map(toRecord);
}

/** Each channel's newest delivery (the channels page's "last result"), one query for the page's channels. */
export async function lastDeliveryPerChannel(db: D1Database, channelIds: string[]): Promise<DeliveryRecord[]> {
  if (channelIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT * FROM deliveries WHERE id IN (
         SELECT (SELECT id FROM deliveries WHERE channel_id = c.value ORDER BY created_at DESC, id DESC LIMIT 1) FROM json_each(?) c)`,
    )
    .bind(JSON.stringify(channelIds))
    .all<DeliveryRow>();
  return results.map(toRecord);
}
