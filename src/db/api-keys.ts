import type { CursorKey } from "./cursor";
import { underLimit } from "./limits";

export type KeyScope = "read" | "write";

/** A team's API key as stored: never the key itself, only its public prefix and its SHA-256. */
export interface ApiKeyRecord {
  id: string;
  teamId: string;
  name: string;
  scope: KeyScope;
  prefix: string;
  /** SHA-256 of the whole key, lower-case hex. */
  hash: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

interface ApiKeyRow {
  id: string;
  team_id: string;
  name: string;
  scope: KeyScope;
  prefix: string;
  hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const toRecord = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  teamId: row.team_id,
  name: row.name,
  scope: row.scope,
  prefix: row.prefix,
  hash: row.hash,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/** Inserts the key while its team is under its limit of live keys (db/limits.ts); false when it was at it (nothing written). */
export async function insertApiKey(db: D1Database, key: ApiKeyRecord, maxDefault: number): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO api_keys (id, team_id, name, scope, prefix, hash, created_at, last_used_at, revoked_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE ${underLimit("api_keys", "?2", "?10")}`,
    )
    .bind(key.id, key.teamId, key.name, key.scope, key.prefix, key.hash, key.createdAt, key.lastUsedAt, key.revokedAt, maxDefault)
    .run();
  return result.meta.changes > 0;
}

/**
 * The live keys with this public prefix, read on every authenticated request (no cache, so a revocation
 * counts at once). A key whose team was deleted is not live either.
 */
export async function liveKeysWithPrefix(db: D1Database, prefix: string): Promise<ApiKeyRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT k.* FROM api_keys k JOIN teams t ON t.id = k.team_id
       WHERE k.prefix = ? AND k.revoked_at IS NULL`,
    )
    .bind(prefix)
    .all<ApiKeyRow>();
  return results.map(toRecord);
}

/** A team's keys, revoked ones included (they say when), oldest first. */
export async function listApiKeys(db: D1Database, teamId: string, after: CursorKey | null, limit: number): Promise<ApiKeyRecord[]> {
  const where = after ? "AND (created_at, id) > (?, ?)" : "";
  const binds = after ? [teamId, after.at, after.id, limit] : [teamId, limit];
  const { results } = await db
    .prepare(`SELECT * FROM api_keys WHERE team_id = ? ${where} ORDER BY created_at, id LIMIT ?`)
    .bind(...binds)
    .all<ApiKeyRow>();
  return results.map(toRecord);
}

/** A key of the team (`teamId` null: of any team, for the super-admin). */
export async function getApiKey(db: D1Database, teamId: string | null, id: string): Promise<ApiKeyRecord | null> {
  const row = await db.prepare("SELECT * FROM api_keys WHERE id = ?1 AND (?2 IS NULL OR team_id = ?2)").bind(id, teamId).first<ApiKeyRow>();
  return row ? toRecord(row) : null;
}

/** Idempotent: a key revoked twice keeps its first revocation time. */
export async function revokeApiKey(db: D1Database, id: string, now: number): Promise<void> {
  await db.prepare("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?").bind(now, id).run();
}

/** At most one write per key per `everyMs`: the condition skips the write while the stored time is recent. */
export async function touchApiKey(db: D1Database, id: string, now: number, everyMs: number): Promise<void> {
  await db
    .prepare("UPDATE api_keys SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at <= ?1 - ?3)")
    .bind(now, id, everyMs)
    .run();
}
