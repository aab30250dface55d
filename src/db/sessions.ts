/** Dashboard sessions (migration 0010): stored by the SHA-256 of the cookie's id, never the id itself. */

export type SessionScope = "read" | "write" | "super";

export interface SessionRecord {
  idHash: string;
  teamId: string;
  keyId: string | null;
  adminHash: string | null;
  scope: SessionScope;
  csrf: string;
  createdAt: number;
  expiresAt: number;
}

interface SessionRow {
  id_hash: string;
  team_id: string;
  key_id: string | null;
  admin_hash: string | null;
  scope: SessionScope;
  csrf: string;
  created_at: number;
  expires_at: number;
}

const toRecord = (row: SessionRow): SessionRecord => ({
  idHash: row.id_hash,
  teamId: row.team_id,
  keyId: row.key_id,
  adminHash: row.admin_hash,
  scope: row.scope,
  csrf: row.csrf,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

export async function insertSession(db: D1Database, session: SessionRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO sessions (id_hash, team_id, key_id, admin_hash, scope, csrf, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      session.idHash,
      session.teamId,
      session.keyId,
      session.adminHash,
      session.scope,
      session.csrf,
      session.createdAt,
      session.expiresAt,
    )
    .run();
}

/**
 * The unexpired session with this id hash whose credential is still live: its key not revoked (a key's
 * sessions end with it) and its team not deleted. One indexed read per page. The ADMIN_TOKEN check is the
 * caller's (it needs the current secret's hash).
 */
export async function liveSession(db: D1Database, idHash: string, now: number): Promise<SessionRecord | null> {
  const row = await db
    .prepare(
      `SELECT s.* FROM sessions s JOIN teams t ON t.id = s.team_id
       LEFT JOIN api_keys k ON k.id = s.key_id
       WHERE s.id_hash = ? AND s.expires_at > ? AND (s.key_id IS NULL OR k.revoked_at IS NULL AND k.id IS NOT NULL)`,
    )
    .bind(idHash, now)
    .first<SessionRow>();
  return row ? toRecord(row) : null;
}

/** The super-admin's team picker: the session now acts on another team. */
export async function setSessionTeam(db: D1Database, idHash: string, teamId: string): Promise<void> {
  await db.prepare("UPDATE sessions SET team_id = ? WHERE id_hash = ? AND scope = 'super'").bind(teamId, idHash).run();
}

export async function deleteSession(db: D1Database, idHash: string): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE id_hash = ?").bind(idHash).run();
}
