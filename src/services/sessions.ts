import type { Principal } from "../app-env";
import { deleteSession, insertSession, liveSession, liveSessionWithMarker, type SessionRecord, type SessionScope } from "../db/sessions";
import { randomBase32 } from "../ids";
import { sha256Hex, tokensEqual } from "../secrets";

/** How long a dashboard session lasts from sign-in (as Django's, which healthchecks.io uses): two weeks. */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** A signed-in browser: what the pages act as. `id` is the cookie's value (only its hash is stored). */
export interface Session {
  id: string;
  teamId: string;
  keyId: string | null;
  scope: SessionScope;
  csrf: string;
  expiresAt: number;
}

const scopeOf = (principal: Principal): SessionScope => (principal.kind === "super" ? "super" : principal.scope);

/** Opens a session for a principal that just proved its credential. `adminToken`: the secret, for a super session. */
export async function openSession(db: D1Database, principal: Principal, adminToken: string | undefined, now: number): Promise<Session> {
  const id = randomBase32(32);
  const record: SessionRecord = {
    idHash: await sha256Hex(id),
    teamId: principal.teamId,
    keyId: principal.kind === "key" ? principal.keyId : null,
    adminHash: principal.kind === "super" && adminToken ? await sha256Hex(adminToken) : null,
    scope: scopeOf(principal),
    csrf: randomBase32(20),
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
  };
  await insertSession(db, record);
  return { id, teamId: record.teamId, keyId: record.keyId, scope: record.scope, csrf: record.csrf, expiresAt: record.expiresAt };
}

/**
 * The live session a cookie names, or null: expired, signed out, its key revoked, its team deleted, or, for
 * the ADMIN_TOKEN's sessions, the secret changed since sign-in.
 */
export async function findSession(db: D1Database, id: string, adminToken: string | undefined, now: number): Promise<Session | null> {
  const record = await liveSession(db, await sha256Hex(id), now);
  return record ? sessionOf(id, record, adminToken) : null;
}

/** findSession and the team's monitor list change marker, in one D1 query (the list's refresh poll). */
export async function findSessionWithMarker(
  db: D1Database,
  id: string,
  adminToken: string | undefined,
  now: number,
): Promise<{ session: Session; marker: string } | null> {
  const found = await liveSessionWithMarker(db, await sha256Hex(id), now);
  const session = found ? await sessionOf(id, found.record, adminToken) : null;
  return found && session ? { session, marker: found.marker } : null;
}

async function sessionOf(id: string, record: SessionRecord, adminToken: string | undefined): Promise<Session | null> {
  if (record.scope === "super") {
    if (!adminToken || record.adminHash === null || !tokensEqual(record.adminHash, await sha256Hex(adminToken))) return null;
  }
  return { id, teamId: record.teamId, keyId: record.keyId, scope: record.scope, csrf: record.csrf, expiresAt: record.expiresAt };
}

export async function closeSession(db: D1Database, id: string): Promise<void> {
  await deleteSession(db, await sha256Hex(id));
}

/** What the services act as for this session: the same principal its credential gave at sign-in. */
export function principalOfSession(session: Session): Principal {
  if (session.scope === "super") return { kind: "super", teamId: session.teamId };
  return { kind: "key", keyId: session.keyId ?? "", teamId: session.teamId, scope: session.scope };
}
