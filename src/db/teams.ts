import { z } from "zod";
import type { MaintenanceWindow } from "../domain/maintenance";
import { readStoredValue } from "./stored/format";
import { storedWindows } from "./stored/monitor";

/** Teams. Until multi-team support lands there is one, `team_default`, created by migration 0002. */
export const DEFAULT_TEAM_ID = "team_default";

export interface TeamRecord {
  id: string;
  name: string;
  pingKey: string;
  createOnPing: boolean;
  /** Windows that apply to every monitor of the team; copied into each monitor's object. */
  maintenance: MaintenanceWindow[];
  /** Channels for monitors a ping creates (?create=1); null: every channel of the team. */
  defaultChannels: string[] | null;
}

/**
 * The team's lists are stored as bare JSON arrays, which have no room for a version: their elements are
 * parsed through the same schemas as a monitor's, so a field added to a window later gets its default.
 */
const channelIds = z.array(z.string());

interface TeamRow {
  id: string;
  name: string;
  ping_key: string;
  create_on_ping: number;
  maintenance: string;
  default_channels: string | null;
}

const toRecord = (row: TeamRow): TeamRecord => ({
  id: row.id,
  name: row.name,
  pingKey: row.ping_key,
  createOnPing: row.create_on_ping === 1,
  maintenance: readStoredValue("team maintenance", storedWindows, row.maintenance),
  defaultChannels: row.default_channels === null ? null : readStoredValue("team default channels", channelIds, row.default_channels),
});

export async function getTeam(db: D1Database, id: string): Promise<TeamRecord | null> {
  const row = await db.prepare("SELECT * FROM teams WHERE id = ?").bind(id).first<TeamRow>();
  return row ? toRecord(row) : null;
}

export async function getTeamByPingKey(db: D1Database, pingKey: string): Promise<TeamRecord | null> {
  const row = await db.prepare("SELECT * FROM teams WHERE ping_key = ?").bind(pingKey).first<TeamRow>();
  return row ? toRecord(row) : null;
}

export async function saveTeam(db: D1Database, team: TeamRecord): Promise<void> {
  await db
    .prepare("UPDATE teams SET create_on_ping = ?, ping_key = ?, maintenance = ?, default_channels = ? WHERE id = ?")
    .bind(
      team.createOnPing ? 1 : 0,
      team.pingKey,
      JSON.stringify(team.maintenance),
      team.defaultChannels === null ? null : JSON.stringify(team.defaultChannels),
      team.id,
    )
    .run();
}
