import { z } from "zod";
import { type AlertGrouping, DEFAULT_ALERT_GROUPING } from "../domain/alert-group";
import type { LimitOverrides } from "../domain/limits";
import type { MaintenanceWindow } from "../domain/maintenance";
import { type LimitColumns, overridesOf } from "./limits";
import { readStored, readStoredList, type StoredFormat, storedList, UNCHANGED, writeStored, writeStoredList } from "./stored/format";
import { storedWindows } from "./stored/monitor";

/**
 * Teams. `team_default` (migration 0002) holds everything written before teams existed, and is the team
 * the ADMIN_TOKEN acts on when it names none.
 */
export const DEFAULT_TEAM_ID = "team_default";

export interface TeamRecord {
  id: string;
  name: string;
  pingKey: string;
  /** The key of the team's status badge URLs (/badge/<badge_key>/...): shows statuses, nothing else. */
  badgeKey: string;
  createOnPing: boolean;
  /** Windows that apply to every monitor of the team; copied into each monitor's object. */
  maintenance: MaintenanceWindow[];
  /** Channels for monitors a ping creates (?create=1); null: every channel of the team. */
  defaultChannels: string[] | null;
  /** The public status page (/status/<key>) of one tag's monitors; null: off (the default). */
  statusPage: StatusPageSetting | null;
  /** The limits the super-admin set for this team (migration 0014); null: the deployment's default. */
  limits: LimitOverrides;
  /** Alert storms: when many notices on one channel are grouped (domain/alert-group.ts); copied into each monitor's object. */
  alertGrouping: AlertGrouping;
}

export interface StatusPageSetting {
  key: string;
  tag: string;
}

/**
 * The team's lists, each stored with a version (bare JSON arrays before they had one: version 0); a
 * window's fields are parsed through the same schema as a monitor's, so a field added later gets its default.
 */
export const TEAM_MAINTENANCE = storedList("team maintenance", storedWindows);
export const TEAM_DEFAULT_CHANNELS = storedList("team default channels", z.array(z.string()));
export const TEAM_ALERT_GROUPING: StoredFormat<AlertGrouping> = {
  what: "team alert grouping",
  version: 1,
  schema: z.object({ enabled: z.boolean(), threshold: z.number(), window: z.number() }),
  // Version 0 (no version field) never was written; read it as this shape all the same.
  upgrades: [UNCHANGED],
};

interface TeamRow extends LimitColumns {
  id: string;
  name: string;
  ping_key: string;
  badge_key: string;
  create_on_ping: number;
  maintenance: string;
  default_channels: string | null;
  status_page_key: string | null;
  status_page_tag: string | null;
  /** Null for teams saved before the setting (migration 0016): the defaults. */
  alert_grouping: string | null;
}

const toRecord = (row: TeamRow): TeamRecord => ({
  id: row.id,
  name: row.name,
  pingKey: row.ping_key,
  badgeKey: row.badge_key,
  createOnPing: row.create_on_ping === 1,
  maintenance: readStoredList(TEAM_MAINTENANCE, row.maintenance),
  defaultChannels: row.default_channels === null ? null : readStoredList(TEAM_DEFAULT_CHANNELS, row.default_channels),
  statusPage: row.status_page_key && row.status_page_tag ? { key: row.status_page_key, tag: row.status_page_tag } : null,
  limits: overridesOf(row),
  alertGrouping: row.alert_grouping === null ? DEFAULT_ALERT_GROUPING : readStored(TEAM_ALERT_GROUPING, row.alert_grouping),
});

export async function getTeam(db: D1Database, id: string): Promise<TeamRecord | null> {
  const row = await db.prepare("SELECT * FROM teams WHERE id = ?").bind(id).first<TeamRow>();
  return row ? toRecord(row) : null;
}

export async function getTeamByPingKey(db: D1Database, pingKey: string): Promise<TeamRecord | null> {
  const row = await db.prepare("SELECT * FROM teams WHERE ping_key = ?").bind(pingKey).first<TeamRow>();
  return row ? toRecord(row) : null;
}

export async function listTeams(db: D1Database, onlyId: string | null): Promise<TeamRecord[]> {
  const where = onlyId === null ? "" : "WHERE id = ?";
  const binds = onlyId === null ? [] : [onlyId];
  const { results } = await db
    .prepare(`SELECT * FROM teams ${where} ORDER BY created_at, id`)
    .bind(...binds)
    .all<TeamRow>();
  return results.map(toRecord);
}

export async function insertTeam(db: D1Database, team: TeamRecord, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO teams (id, name, ping_key, badge_key, create_on_ping, maintenance, default_channels, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      team.id,
      team.name,
      team.pingKey,
      team.badgeKey,
      team.createOnPing ? 1 : 0,
      writeStoredList(TEAM_MAINTENANCE, team.maintenance),
      null,
      now,
    )
    .run();
}

/**
 * Deletes a team that has no monitors, with its channels, keys and history, in one batch. False when the
 * team still has monitors (or is gone): nothing is deleted then.
 */
export async function deleteEmptyTeam(db: D1Database, id: string): Promise<boolean> {
  const empty = "NOT EXISTS (SELECT 1 FROM monitors WHERE team_id = ?1)";
  const results = await db.batch([
    db.prepare(`DELETE FROM teams WHERE id = ?1 AND ${empty}`).bind(id),
    ...["api_keys", "channels", "deliveries", "alerts"].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE team_id = ?1 AND NOT EXISTS (SELECT 1 FROM teams WHERE id = ?1)`).bind(id),
    ),
  ]);
  return (results[0]?.meta.changes ?? 0) > 0;
}

export async function teamHasMonitors(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS one FROM monitors WHERE team_id = ? LIMIT 1").bind(id).first()) !== null;
}

export async function saveTeam(db: D1Database, team: TeamRecord): Promise<void> {
  await db
    .prepare(
      "UPDATE teams SET name = ?, create_on_ping = ?, ping_key = ?, badge_key = ?, maintenance = ?, default_channels = ?, status_page_key = ?, status_page_tag = ?, alert_grouping = ? WHERE id = ?",
    )
    .bind(
      team.name,
      team.createOnPing ? 1 : 0,
      team.pingKey,
      team.badgeKey,
      writeStoredList(TEAM_MAINTENANCE, team.maintenance),
      team.defaultChannels === null ? null : writeStoredList(TEAM_DEFAULT_CHANNELS, team.defaultChannels),
      team.statusPage?.key ?? null,
      team.statusPage?.tag ?? null,
      writeStored(TEAM_ALERT_GROUPING, team.alertGrouping),
      team.id,
    )
    .run();
}
