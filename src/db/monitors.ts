import type { LivenessReport } from "../domain/liveness";
import type { MonitorConfig, MonitorStatus } from "../domain/monitor";
import type { CursorKey } from "./cursor";
import { deleteFlipsStatement } from "./flips";
import { deleteTagsStatement, filterConditions, type MonitorFilter, tagStatements } from "./monitor-tags";
import { readStored, writeStored } from "./stored/format";
import { MONITOR_CONFIG } from "./stored/monitor";

/** A monitor as D1 knows it: its configuration and its status as of its last status change. */
export interface MonitorRecord {
  teamId: string;
  config: MonitorConfig;
  status: MonitorStatus;
  statusChangedAt: number;
  lastPingAt: number | null;
  nextDueAt: number | null;
  /** The last run's duration D1 knows of (status syncs and liveness reports). */
  lastDurationMs: number | null;
  /** When the row last changed in a way the list shows (migration 0012; see CHANGE_STAMP). */
  changedAt: number;
}

interface MonitorRow {
  config: string;
  status: MonitorStatus;
  status_changed_at: number;
  last_ping_at: number | null;
  next_due_at: number | null;
  last_duration_ms: number | null;
  changed_at: number;
  created_at: number;
  id: string;
  team_id: string;
}

const COLUMNS = "id, team_id, config, status, status_changed_at, last_ping_at, next_due_at, last_duration_ms, changed_at, created_at";

/**
 * The `changed_at` every write that changes what the dashboard's list shows gives its row (migration 0012):
 * D1's clock in ms, but always above the team's newest stamp, so a team's MAX(changed_at) (one index probe)
 * only grows and changes with every such write: the list's change marker (db/sessions.ts). `team` is the
 * SQL naming the row's team.
 */
const changeStamp = (team: string) =>
  `MAX(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
       (SELECT COALESCE(MAX(c.changed_at), 0) + 1 FROM monitors c WHERE c.team_id = ${team}))`;
const STAMP_ROW = `changed_at = ${changeStamp("monitors.team_id")}`;

function toRecord(row: MonitorRow): MonitorRecord {
  return {
    teamId: row.team_id,
    config: readStored(MONITOR_CONFIG, row.config),
    status: row.status,
    statusChangedAt: row.status_changed_at,
    lastPingAt: row.last_ping_at,
    nextDueAt: row.next_due_at,
    lastDurationMs: row.last_duration_ms,
    changedAt: row.changed_at,
  };
}

export async function insertMonitor(db: D1Database, teamId: string, config: MonitorConfig, status: MonitorStatus): Promise<void> {
  const insert = db
    .prepare(
      `INSERT INTO monitors (id, team_id, name, slug, ping_token, config, status, status_changed_at, created_at, updated_at, changed_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ${changeStamp("?2")})`,
    )
    .bind(
      config.id,
      teamId,
      config.name,
      config.slug,
      config.pingToken,
      writeStored(MONITOR_CONFIG, config),
      status,
      config.createdAt,
      config.createdAt,
      config.updatedAt,
    );
  await db.batch([insert, ...tagStatements(db, config)]);
}

export function monitorConfigStatement(db: D1Database, config: MonitorConfig): D1PreparedStatement {
  return db
    .prepare(`UPDATE monitors SET name = ?, slug = ?, config = ?, updated_at = ?, ${STAMP_ROW} WHERE id = ? AND updated_at <= ?`)
    .bind(config.name, config.slug, writeStored(MONITOR_CONFIG, config), config.updatedAt, config.id, config.updatedAt);
}

/** The config and its tag rows, in one batch (the object's own sync writes only the config: see monitor-tags.ts). */
export async function updateMonitorConfig(db: D1Database, config: MonitorConfig): Promise<void> {
  await db.batch([monitorConfigStatement(db, config), ...tagStatements(db, config)]);
}

/** A monitor addressed by slug: /ping/<ping_key>/<slug>. */
export async function findBySlug(db: D1Database, pingKey: string, slug: string): Promise<{ id: string; pingToken: string } | null> {
  return db
    .prepare(
      `SELECT m.id AS id, m.ping_token AS pingToken FROM monitors m JOIN teams t ON t.id = m.team_id
       WHERE t.ping_key = ? AND m.slug = ?`,
    )
    .bind(pingKey, slug)
    .first<{ id: string; pingToken: string }>();
}

/** A monitor of the team: another team's monitor is not found, like one that does not exist. */
export async function getMonitor(db: D1Database, teamId: string, id: string): Promise<MonitorRecord | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM monitors WHERE id = ? AND team_id = ?`).bind(id, teamId).first<MonitorRow>();
  return row ? toRecord(row) : null;
}

export async function listMonitors(
  db: D1Database,
  teamId: string,
  filter: MonitorFilter,
  after: CursorKey | null,
  limit: number,
): Promise<MonitorRecord[]> {
  const filtered = filterConditions(teamId, filter);
  const page = after ? "AND (created_at, id) > (?, ?)" : "";
  const binds = [teamId, ...filtered.binds, ...(after ? [after.at, after.id] : []), limit];
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM monitors WHERE team_id = ? ${filtered.sql} ${page} ORDER BY created_at, id LIMIT ?`)
    .bind(...binds)
    .all<MonitorRow>();
  return results.map(toRecord);
}

/** Every monitor id of a team, a page at a time (for pushing team-wide settings into their objects). */
export async function monitorIdsOfTeam(db: D1Database, teamId: string, afterId: string, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT id FROM monitors WHERE team_id = ? AND id > ? ORDER BY id LIMIT ?")
    .bind(teamId, afterId, limit)
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

/** The row, its tags, flips, alerts and their deliveries; the team's `monitors_removed` moves the list's change marker (no row is left to stamp). */
export async function deleteMonitor(db: D1Database, id: string): Promise<void> {
  await db.batch([
    db.prepare("UPDATE teams SET monitors_removed = monitors_removed + 1 WHERE id = (SELECT team_id FROM monitors WHERE id = ?)").bind(id),
    db.prepare("DELETE FROM monitors WHERE id = ?").bind(id),
    deleteTagsStatement(db, id),
    deleteFlipsStatement(db, id),
    // Its history goes with it (each found by an index); the object's outbox writes none back (alerts.ts).
    db.prepare("DELETE FROM deliveries WHERE alert_id IN (SELECT id FROM alerts WHERE monitor_id = ?)").bind(id),
    db.prepare("DELETE FROM alerts WHERE monitor_id = ?").bind(id),
  ]);
}

export async function monitorIdsUsingChannel(db: D1Database, channelId: string): Promise<string[]> {
  const { results } = await db
    // Channel ids are random and quoted in the JSON, so a substring match finds flat lists and escalation steps alike.
    .prepare("SELECT id FROM monitors WHERE instr(config, ?) > 0")
    .bind(JSON.stringify(channelId))
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

/**
 * The current status a Durable Object reports; it overwrites the row's status (no history is kept).
 * Older updates never overwrite newer ones.
 */
export interface StatusUpdate {
  monitorId: string;
  status: MonitorStatus;
  at: number;
  lastPingAt: number | null;
  nextDueAt: number | null;
  /** The last run's duration; null: none known (it never clears one D1 has). */
  lastDurationMs: number | null;
}

/**
 * `last_ping_at` and `last_duration_ms` have two writers, this and liveness reports, which may arrive in
 * either order (a status sync waits in the outbox; a report is sent at once): each moves them only forward.
 */
const NOT_NEWER_PING = "(last_ping_at IS NULL OR last_ping_at <= ?)";

export function statusUpdateStatement(db: D1Database, update: StatusUpdate): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE monitors SET status = ?, status_changed_at = ?, next_due_at = ?,
         last_duration_ms = CASE WHEN ${NOT_NEWER_PING} THEN COALESCE(?, last_duration_ms) ELSE last_duration_ms END,
         last_ping_at = CASE WHEN ${NOT_NEWER_PING} THEN ? ELSE last_ping_at END, ${STAMP_ROW}
       WHERE id = ? AND status_changed_at <= ?`,
    )
    .bind(
      update.status,
      update.at,
      update.nextDueAt,
      update.lastPingAt,
      update.lastDurationMs,
      update.lastPingAt,
      update.lastPingAt,
      update.monitorId,
      update.at,
    );
}

/**
 * A liveness report (see domain/liveness.ts): the newest ping and run duration, unless D1 has a newer ping.
 * With `nextDueAt`, also the deadline as of that ping, so the alarm safety net (db/sweep.ts) never takes a
 * monitor pinged on time for an overdue one.
 */
export function livenessReportStatement(
  db: D1Database,
  monitorId: string,
  report: LivenessReport,
  nextDueAt?: number | null,
): D1PreparedStatement {
  const deadline = nextDueAt === undefined ? "" : "next_due_at = ?5,";
  return db
    .prepare(
      `UPDATE monitors SET last_ping_at = ?1, last_duration_ms = ?2, ${deadline} ${STAMP_ROW} WHERE id = ?3 AND (last_ping_at IS NULL OR last_ping_at <= ?4)`,
    )
    .bind(report.lastPingAt, report.lastDurationMs, monitorId, report.lastPingAt, ...(nextDueAt === undefined ? [] : [nextDueAt]));
}
