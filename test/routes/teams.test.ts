import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createMonitor, ping, S, setNow, T0, useFakeClock } from "../helpers";
import { bearer, createKey, createTeamWithKeys } from "../teams-helpers";

// Teams, their keys and scopes, as a client sees them; isolation between two teams.

useFakeClock(T0);

const lastUsed = async (keyId: string) =>
  (await env.DB.prepare("SELECT last_used_at FROM api_keys WHERE id = ?").bind(keyId).first<{ last_used_at: number | null }>())
    ?.last_used_at;

describe("teams and keys", () => {
  it("the super-admin creates a team and its first key; the key works on its own team only, shown once", async () => {
    const created = await api("POST", "/api/v1/teams", { name: "payments" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "payments", ping_key: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const key = await createKey(created.body.id, "write");
    expect(key.key).toMatch(/^lbd_[a-z2-7]{32}$/);
    expect(key.key.slice(4, 12)).toBe(key.prefix);

    const listed = await api("GET", `/api/v1/teams/${created.body.id}/keys`, undefined, bearer(key.key));
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(key.key);
    expect(listed.body.data[0]).toMatchObject({ id: key.id, prefix: key.prefix, scope: "write", revoked_at: null });
    const stored = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?").bind(key.id).first<Record<string, unknown>>();
    expect(JSON.stringify(stored)).not.toContain(key.key.slice(4));

    const me = await api("GET", "/api/v1/me", undefined, bearer(key.key));
    expect(me.body).toMatchObject({ kind: "key", scope: "write", team: { id: created.body.id, name: "payments" } });
    expect((await api("GET", "/api/v1/me")).body).toMatchObject({ kind: "super_admin", scope: "super", team: { id: "team_default" } });
    const teams = await api("GET", "/api/v1/teams", undefined, bearer(key.key));
    expect(teams.body.data.map((t: { id: string }) => t.id)).toEqual([created.body.id]);
  });

  it("a read key reads but gets 403 forbidden on writes; a team key cannot create teams", async () => {
    const team = await createTeamWithKeys("ro");
    expect((await api("GET", "/api/v1/monitors", undefined, bearer(team.read))).status).toBe(200);
    const refused = await api("POST", "/api/v1/monitors", { name: "x", interval: 60 }, bearer(team.read));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "forbidden", details: [] });
    expect((await api("POST", "/api/v1/teams", { name: "mine" }, bearer(team.write))).status).toBe(403);
    expect((await api("POST", `/api/v1/teams/${team.id}/keys`, { name: "k", scope: "write" }, bearer(team.read))).status).toBe(403);
  });

  it("a read key sees no ping URL or ping key (a ping changes a monitor); a write key does", async () => {
    const team = await createTeamWithKeys("urls");
    const created = await api("POST", "/api/v1/monitors", { name: "job", interval: 60 }, bearer(team.write));
    expect(created.body.ping_url).toMatch(/\/ping\/[a-z2-7]{52}$/);
    const asReader = (path: string) => api("GET", path, undefined, bearer(team.read));
    expect((await asReader(`/api/v1/monitors/${created.body.id}`)).body).toMatchObject({ id: created.body.id, ping_url: null });
    expect((await asReader("/api/v1/monitors")).body.data).toEqual([expect.objectContaining({ ping_url: null })]);
    expect((await asReader("/api/v1/team")).body).toMatchObject({ id: team.id, ping_key: null, slug_ping_url: null });
    expect((await asReader("/api/v1/teams")).body.data).toEqual([expect.objectContaining({ ping_key: null })]);
    const asWriter = await api("GET", "/api/v1/team", undefined, bearer(team.write));
    expect(asWriter.body.ping_key).toMatch(/^[0-9a-f]{32}$/);
  });

  it("revocation takes effect on the next request", async () => {
    const team = await createTeamWithKeys("rev");
    expect((await api("GET", "/api/v1/team", undefined, bearer(team.read))).status).toBe(200);
    expect((await api("DELETE", `/api/v1/keys/${team.readKeyId}`, undefined, bearer(team.write))).status).toBe(204);
    const res = await api("GET", "/api/v1/team", undefined, bearer(team.read));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
  });

  it("last_used_at is written at most once a minute per key", async () => {
    const team = await createTeamWithKeys("used");
    await api("GET", "/api/v1/me", undefined, bearer(team.read));
    expect(await lastUsed(team.readKeyId)).toBe(T0);
    setNow(T0 + 59 * S);
    await api("GET", "/api/v1/me", undefined, bearer(team.read));
    expect(await lastUsed(team.readKeyId)).toBe(T0);
    setNow(T0 + 61 * S);
    await api("GET", "/api/v1/me", undefined, bearer(team.read));
    expect(await lastUsed(team.readKeyId)).toBe(T0 + 61 * S);
  });

  it("a team with monitors cannot be deleted (409); an empty one can, and its keys stop working", async () => {
    const team = await createTeamWithKeys("del");
    const monitor = await api("POST", "/api/v1/monitors", { name: "m", interval: 60 }, bearer(team.write));
    expect((await api("DELETE", `/api/v1/teams/${team.id}`)).body.error.code).toBe("conflict");
    await api("DELETE", `/api/v1/monitors/${monitor.body.id}`, undefined, bearer(team.write));
    expect((await api("DELETE", `/api/v1/teams/${team.id}`)).status).toBe(204);
    expect((await api("GET", "/api/v1/me", undefined, bearer(team.write))).status).toBe(401);
    expect((await api("DELETE", "/api/v1/teams/team_default")).status).toBe(409);
  });

  it("the super-admin acts on the team X-Lubdub-Team names; an unknown team is not found", async () => {
    const team = await createTeamWithKeys("sel");
    const created = await api("POST", "/api/v1/monitors", { name: "picked", interval: 60 }, { "x-lubdub-team": team.id });
    expect(created.status).toBe(201);
    const theirs = await api("GET", "/api/v1/monitors", undefined, bearer(team.read));
    expect(theirs.body.data.map((m: { id: string }) => m.id)).toEqual([created.body.id]);
    expect((await api("GET", `/api/v1/monitors/${created.body.id}`)).status).toBe(404);
    expect((await api("GET", "/api/v1/monitors", undefined, { "x-lubdub-team": "team_nope" })).status).toBe(404);
  });
});

describe("isolation", () => {
  it("a monitor and a team's defaults may use only channels of their own team (400 naming the field)", async () => {
    const a = await createTeamWithKeys("a");
    const b = await createTeamWithKeys("b");
    const channel = await api("POST", "/api/v1/channels", { type: "webhook", name: "b's", url: "http://r.test/h" }, bearer(b.write));
    const res = await api("POST", "/api/v1/monitors", { name: "m", interval: 60, channels: [channel.body.id] }, bearer(a.write));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: "channels[0]", message: `no channel ${channel.body.id}` }]);
    const esc = await api(
      "POST",
      "/api/v1/monitors",
      { name: "m", interval: 60, escalation: [{ after: 0, channels: [channel.body.id] }] },
      bearer(a.write),
    );
    expect(esc.body.error.details[0].path).toBe("escalation[0].channels[0]");
    const team = await api("PATCH", "/api/v1/team", { default_channels: [channel.body.id] }, bearer(a.write));
    expect(team.body.error.details[0].path).toBe("default_channels[0]");
  });

  it("a monitor a ping creates gets its own team's channels, never another team's", async () => {
    const a = await createTeamWithKeys("pa");
    const b = await createTeamWithKeys("pb");
    await api("POST", "/api/v1/channels", { type: "webhook", name: "b's", url: "http://r.test/h" }, bearer(b.write));
    const own = await api("POST", "/api/v1/channels", { type: "webhook", name: "a's", url: "http://r.test/a" }, bearer(a.write));
    await api("PATCH", "/api/v1/team", { create_on_ping: true }, bearer(a.write));
    expect((await ping(`http://lubdub.test/ping/${a.pingKey}/fresh?create=1`)).status).toBe(201);
    const [created] = (await api("GET", "/api/v1/monitors", undefined, bearer(a.read))).body.data;
    expect(created.channels).toEqual([own.body.id]);
    expect((await api("GET", "/api/v1/monitors", undefined, bearer(b.read))).body.data).toEqual([]);
    expect((await ping(`http://lubdub.test/ping/${b.pingKey}/fresh`)).status).toBe(404);
  });

  it("today's monitors stay in team_default, where the ADMIN_TOKEN alone still finds them", async () => {
    const monitor = await createMonitor();
    const other = await createTeamWithKeys("o");
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).status).toBe(200);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`, undefined, bearer(other.write))).status).toBe(404);
  });
});
