import { readStoredChannelConfig, storedChannelConfig } from "../channels/stored";
import type { ChannelConfig, ChannelType } from "../channels/types";
import { ALL_CHANNEL_EVENTS, CHANNEL_EVENTS, type ChannelEvent } from "../domain/channel-events";
import type { CursorKey } from "./cursor";
import { underLimit } from "./limits";

export interface ChannelRecord {
  id: string;
  teamId: string;
  type: ChannelType;
  name: string;
  config: ChannelConfig;
  /** Which of an alert's notifications it takes (domain/channel-events.ts). */
  events: ChannelEvent[];
  status: "ok" | "failing";
  failingReason: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Parsed, never cast: a list this release cannot read fails loudly rather than sending to the wrong channels. */
const storedEvents = (json: string | null): ChannelEvent[] =>
  json === null ? [...ALL_CHANNEL_EVENTS] : CHANNEL_EVENTS.array().parse(JSON.parse(json));

interface ChannelRow {
  id: string;
  team_id: string;
  type: ChannelType;
  name: string;
  config: string;
  events: string | null;
  status: "ok" | "failing";
  failing_reason: string | null;
  created_at: number;
  updated_at: number;
}

function toRecord(row: ChannelRow): ChannelRecord {
  return {
    id: row.id,
    teamId: row.team_id,
    type: row.type,
    name: row.name,
    // Through the kind's schema, never cast: a row written by an older release gains later fields' defaults.
    config: readStoredChannelConfig(row.type, JSON.parse(row.config)),
    events: storedEvents(row.events),
    status: row.status,
    failingReason: row.failing_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Inserts the channel while its team is under its channel limit (db/limits.ts); false when it was at it (nothing written). */
export async function insertChannel(db: D1Database, channel: ChannelRecord, maxDefault: number): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO channels (id, team_id, type, name, config, events, status, failing_reason, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE ${underLimit("channels", "?2", "?11")}`,
    )
    .bind(
      channel.id,
      channel.teamId,
      channel.type,
      channel.name,
      JSON.stringify(storedChannelConfig(channel.config)),
      JSON.stringify(channel.events),
      channel.status,
      channel.failingReason,
      channel.createdAt,
      channel.updatedAt,
      maxDefault,
    )
    .run();
  return result.meta.changes > 0;
}

/** Saves name, config and events; an edit also clears a `failing` mark, since the edit is usually the fix. */
export async function updateChannel(db: D1Database, channel: ChannelRecord): Promise<void> {
  await db
    .prepare("UPDATE channels SET name = ?, config = ?, events = ?, status = 'ok', failing_reason = NULL, updated_at = ? WHERE id = ?")
    .bind(channel.name, JSON.stringify(storedChannelConfig(channel.config)), JSON.stringify(channel.events), channel.updatedAt, channel.id)
    .run();
}

/** A test message the receiver accepted: the channel works again, and its `failing` mark goes (kept if an edit came since). */
export async function clearChannelFailing(db: D1Database, channelId: string, at: number): Promise<boolean> {
  const result = await db
    .prepare(
      "UPDATE channels SET status = 'ok', failing_reason = NULL, updated_at = ? WHERE id = ? AND status = 'failing' AND updated_at <= ?",
    )
    .bind(at, channelId, at)
    .run();
  return result.meta.changes > 0;
}

/**
 * A channel by id alone, whatever its team: for a monitor's object, whose configuration only names
 * channels of its own team (checked when it was saved). Routes use `getTeamChannel`.
 */
export async function getChannel(db: D1Database, id: string): Promise<ChannelRecord | null> {
  const row = await db.prepare("SELECT * FROM channels WHERE id = ?").bind(id).first<ChannelRow>();
  return row ? toRecord(row) : null;
}

/** A channel of the team: another team's channel is not found, like one that does not exist. */
export async function getTeamChannel(db: D1Database, teamId: string, id: string): Promise<ChannelRecord | null> {
  const row = await db.prepare("SELECT * FROM channels WHERE id = ? AND team_id = ?").bind(id, teamId).first<ChannelRow>();
  return row ? toRecord(row) : null;
}

/** The channels of `ids` that exist, in no particular order. */
export async function getChannels(db: D1Database, ids: string[]): Promise<ChannelRecord[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare("SELECT * FROM channels WHERE id IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify(ids))
    .all<ChannelRow>();
  return results.map(toRecord);
}

/** The team's channels among `ids` (another team's are as unknown as missing ones). */
export async function teamChannels(db: D1Database, teamId: string, ids: string[]): Promise<ChannelRecord[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare("SELECT * FROM channels WHERE team_id = ? AND id IN (SELECT value FROM json_each(?))")
    .bind(teamId, JSON.stringify(ids))
    .all<ChannelRow>();
  return results.map(toRecord);
}

/** The ids of the oldest `limit` channels (a new monitor's channels when the team names no default). */
export async function oldestChannelIds(db: D1Database, teamId: string, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT id FROM channels WHERE team_id = ? ORDER BY created_at, id LIMIT ?")
    .bind(teamId, limit)
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

export async function listChannels(db: D1Database, teamId: string, after: CursorKey | null, limit: number): Promise<ChannelRecord[]> {
  const where = after ? "AND (created_at, id) > (?, ?)" : "";
  const binds = after ? [teamId, after.at, after.id, limit] : [teamId, limit];
  const { results } = await db
    .prepare(`SELECT * FROM channels WHERE team_id = ? ${where} ORDER BY created_at, id LIMIT ?`)
    .bind(...binds)
    .all<ChannelRow>();
  return results.map(toRecord);
}

export async function deleteChannel(db: D1Database, id: string): Promise<void> {
  await db.prepare("DELETE FROM channels WHERE id = ?").bind(id).run();
}

/** A receiver refused for good (404/410, a bad key): show why; an edit after this time clears it. */
export function channelFailingStatement(db: D1Database, channelId: string, reason: string, at: number): D1PreparedStatement {
  return db
    .prepare("UPDATE channels SET status = 'failing', failing_reason = ?, updated_at = ? WHERE id = ? AND updated_at <= ?")
    .bind(reason, at, channelId, at);
}
