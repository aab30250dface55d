import { z } from "zod";
import type { Principal } from "../app-env";
import type { ApiKeyRecord } from "../db/api-keys";
import type { TeamRecord } from "../db/teams";
import { iso } from "../time";
import { pageOf } from "./page";
import { NullableTimestamp, Timestamp } from "./time";

export const KeyView = z
  .object({
    id: z.string().meta({ examples: ["key_3k2v6m7p2q4r5s6t7u2v3w4x5y"] }),
    team_id: z.string(),
    name: z.string(),
    scope: z.enum(["read", "write"]),
    prefix: z.string().meta({ description: "The 8 characters after `lbd_`: enough to recognise a key, not to use it." }),
    created_at: Timestamp,
    last_used_at: NullableTimestamp.meta({ description: "Kept to the minute." }),
    revoked_at: NullableTimestamp,
  })
  .meta({ id: "Key" });

export const KeyPage = pageOf(KeyView, "Key");

export const NewKeyView = KeyView.extend({
  key: z.string().meta({ description: "The key itself. Shown this once: only its hash is kept.", examples: ["lbd_abcdefgh…"] }),
}).meta({ id: "NewKey" });

export function renderKey(key: ApiKeyRecord): z.input<typeof KeyView> {
  return {
    id: key.id,
    team_id: key.teamId,
    name: key.name,
    scope: key.scope,
    prefix: key.prefix,
    created_at: iso(key.createdAt),
    last_used_at: iso(key.lastUsedAt),
    revoked_at: iso(key.revokedAt),
  };
}

export const MeView = z
  .object({
    kind: z.enum(["super_admin", "key"]),
    scope: z.enum(["super", "read", "write"]).meta({ description: "super: the ADMIN_TOKEN, which may act on every team." }),
    team: z.object({ id: z.string(), name: z.string() }).meta({ description: "The team this request acts on." }),
    key: z.object({ id: z.string(), name: z.string(), prefix: z.string() }).nullable(),
  })
  .meta({ id: "Me" });

export function renderMe(principal: Principal, team: TeamRecord, key: ApiKeyRecord | null): z.input<typeof MeView> {
  return {
    kind: principal.kind === "super" ? "super_admin" : "key",
    scope: principal.kind === "super" ? "super" : principal.scope,
    team: { id: team.id, name: team.name },
    key: key && { id: key.id, name: key.name, prefix: key.prefix },
  };
}
