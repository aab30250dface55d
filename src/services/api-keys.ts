import { type ApiKeyRecord, insertApiKey, revokeApiKey } from "../db/api-keys";
import { newId } from "../ids";
import { generateApiKey } from "../keys";
import type { KeyCreateInput } from "../schemas/keys";
import { assertRoomFor, insertWithinLimit } from "./limits";

/** A new key of the team: the record as stored, and the key itself, which is shown once and never kept. */
export async function createApiKey(env: Env, teamId: string, input: KeyCreateInput, now: number) {
  await assertRoomFor(env, teamId, "api_keys");
  const { key, prefix, hash } = await generateApiKey();
  const record: ApiKeyRecord = {
    id: newId("key"),
    teamId,
    name: input.name,
    scope: input.scope,
    prefix,
    hash,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
  await insertWithinLimit(env, teamId, "api_keys", (max) => insertApiKey(env.DB, record, max));
  return { record, key };
}

/** Revokes a key found for the caller: the next request with it is refused. Revoking twice keeps the first time. */
export async function revokeKey(db: D1Database, key: ApiKeyRecord, now: number): Promise<void> {
  await revokeApiKey(db, key.id, now);
}
