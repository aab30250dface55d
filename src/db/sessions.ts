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
  const row = await db.prepare(`SELECT s.* ${LIVE_SESSION}`).bind(idHash, now).first<SessionRow>();
  return row ? toRecord(row) : null;
}

const LIVE_SESSION = `FROM sessions s JOIN teams t ON t.id = s.team_id
       LEFT JOIN api_keys k ON k.id = s.key_id
       WHERE s.id_hash = ? AND s.expires_at > ? AND (s.key_id IS NULL OR k.revoked_at IS NULL AND k.id IS NOT NULL)`;

/**
 * liveSession and, in the same statement, the team's monitor list change marker (migration 0012): the
 * newest `changed_at` of its monitors (one probe of monitors_by_team_change) and how many it has deleted.
 * An open list's idle poll costs this one query (pages/monitors-changes.ts).
 */
export async function liveSessionWithMarker(
  db: D1Database,
  idHash: string,
  now: number,
): Promise<{ record: SessionRecord; marker: string } | null> {
  const row = await db
    .prepare(
      `SELECT s.*, t.monitors_removed AS removed,
         (SELECT COALESCE(MAX(m.changed_at), 0) FROM monitors m WHERE m.team_id = s.team_id) AS changed
       ${LIVE_SESSION}`,
    )
    .bind(idHash, now)
    .first<SessionRow & { removed: number; changed: number }>();
  return row ? { record: toRecord(row), marker: listMarker(row.changed, row.removed) } : null;
}

/** The marker as the page carries it: `<newest change>.<deletes>`; listMarkerChange reads the first part back. */
export const listMarker = (changed: number, removed: number): string => `${changed}.${removed}`;
export const listMarkerChange = (marker: string): number | null => {
  const match = /^(\d{1,15})\.\d{1,15}$/.exec(marker);
  return match?.[1] ? Number(match[1]) : null;
};

/** The marker alone (a page's first render, which has its session already). */
export async function teamListMarker(db: D1Database, teamId: string): Promise<string> {
  const row = await db
    .prepare(
      `SELECT t.monitors_removed AS removed,
         (SELECT COALESCE(MAX(m.changed_at), 0) FROM monitors m WHERE m.team_id = t.id) AS changed
       FROM teams t WHERE t.id = ?`,
    )
    .bind(teamId)
    .first<{ removed: number; changed: number }>();
  return listMarker(row?.changed ?? 0, row?.removed ?? 0);
}

/** The super-admin's team picker: the session now acts on another team. */
export async function setSessionTeam(db: D1Database, idHash: string, teamId: string): Promise<void> {
  await db.prepare("UPDATE sessions SET team_id = ? WHERE id_hash = ? AND scope = 'super'").bind(teamId, idHash).run();
}

export async function deleteSession(db: D1Database, idHash: string): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE id_hash = ?").bind(idHash).run();
}
