import { describe, expect, it } from "vitest";
import { lubdub, lubdubJson, useTeam } from "../helpers";

// `lubdub teams`, `lubdub keys` and `lubdub me`, run in-process against the real dev server as the super-admin.
const server = useTeam("cli-teams");

describe("lubdub teams, keys, me", () => {
  it("creates a team and a key, acts with the key, revokes it, deletes the team", async () => {
    const team = await lubdubJson(server(), ["teams", "create", "--name", "payments"]);
    expect((await lubdubJson(server(), ["teams", "list"])).data.map((t: { id: string }) => t.id)).toContain(team.id);
    const key = await lubdubJson(server(), ["--team", team.id, "keys", "create", "--name", "ci", "--scope", "write"]);
    expect(key.key).toMatch(/^lbd_/);
    // Without this file's LUBDUB_TEAM: a key may name only its own team.
    const asKey = { env: { LUBDUB_API_KEY: key.key, LUBDUB_TEAM: undefined } };
    expect(await lubdubJson(server(), ["me"], asKey)).toMatchObject({ kind: "key", scope: "write", team: { id: team.id } });
    expect((await lubdubJson(server(), ["keys", "list"], asKey)).data).toEqual([
      expect.objectContaining({ id: key.id, prefix: key.prefix }),
    ]);
    expect((await lubdubJson(server(), ["teams", "edit", team.id, "--name", "payments-eu"])).name).toBe("payments-eu");
    expect((await lubdub(server(), ["keys", "revoke", key.id])).code).toBe(0);
    expect((await lubdub(server(), ["me"], asKey)).code).toBe(1);
    expect((await lubdub(server(), ["teams", "delete", team.id])).code).toBe(0);
  });
});
