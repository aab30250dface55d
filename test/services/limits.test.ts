import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { DEFAULT_TEAM_LIMITS } from "../../src/domain/limits";
import { ADMIN_TOKEN, api, ORIGIN, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys, type TeamFixture } from "../teams-helpers";

// Per-team limits through the API a team and the super-admin use: each limit at its value and one past it, a
// refusal that changes nothing, the super-admin raising a limit, and the usage GET /team shows.

useFakeClock(T0);

const as = (team: TeamFixture) => bearer(team.write);
const setLimits = (team: TeamFixture, limits: Record<string, number | null>) => api("PATCH", `/api/v1/teams/${team.id}`, { limits });
const teamView = async (team: TeamFixture) => (await api("GET", "/api/v1/team", undefined, as(team))).body;
const newMonitor = (team: TeamFixture, fields: Record<string, unknown> = {}) =>
  api("POST", "/api/v1/monitors", { name: "job", interval: 60, ...fields }, as(team));
const newChannel = (team: TeamFixture) =>
  api("POST", "/api/v1/channels", { type: "webhook", name: "hook", url: "http://receiver.test/hook" }, as(team));
const newKey = (team: TeamFixture) => api("POST", `/api/v1/teams/${team.id}/keys`, { name: "ci", scope: "read" }, as(team));

/** A team whose `name` limit is `limit`, set by the super-admin. */
async function teamWithLimit(name: string, limits: Record<string, number>): Promise<TeamFixture> {
  const team = await createTeamWithKeys(name);
  expect((await setLimits(team, limits)).status).toBe(200);
  return team;
}

function expectLimitReached(res: { status: number; body: { error: { code: string; message: string } } }, what: string) {
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe("limit_reached");
  expect(res.body.error.message).toContain(what);
}

describe("defaults and usage", () => {
  it("a new team shows the deployment's defaults and what it uses", async () => {
    const team = await createTeamWithKeys("usage");
    await newMonitor(team);
    await newChannel(team);
    const view = await teamView(team);
    expect(view.limits).toEqual(DEFAULT_TEAM_LIMITS);
    // The fixture's two keys are live keys.
    expect(view.usage).toEqual({ monitors: 1, channels: 1, api_keys: 2 });
    // The super-admin's list counts every team's in one query.
    const teams = (await api("GET", "/api/v1/teams")).body.data as { id: string; usage: unknown }[];
    expect(teams.find((t) => t.id === team.id)?.usage).toEqual(view.usage);
    expect(teams.length).toBeGreaterThan(1);
  });

  it("TEAM_MAX_* vars change the deployment's defaults", async () => {
    const team = await createTeamWithKeys("vars");
    const vars = { ...env, TEAM_MAX_CHANNELS: "1", TEAM_MAX_MONITORS: "not a number" };
    const call = (path: string, body?: unknown) =>
      createApp().request(
        `${ORIGIN}${path}`,
        { method: body ? "POST" : "GET", headers: { ...as(team), "content-type": "application/json" }, body: JSON.stringify(body) },
        vars,
      );
    const hook = { type: "webhook", name: "hook", url: "http://receiver.test/hook" };
    expect((await call("/api/v1/channels", hook)).status).toBe(201);
    expect((await call("/api/v1/channels", hook)).status).toBe(403);
    const view = (await (await call("/api/v1/team")).json()) as { limits: { channels: number; monitors: number } };
    expect(view.limits).toMatchObject({ channels: 1, monitors: DEFAULT_TEAM_LIMITS.monitors });
  });
});

describe("each limit at its value and one past it", () => {
  it("monitors: the last slot is taken, the next is refused and creates nothing", async () => {
    const team = await teamWithLimit("monitors", { monitors: 2 });
    expect((await newMonitor(team, { slug: "one" })).status).toBe(201);
    expect((await newMonitor(team, { slug: "two" })).status).toBe(201);
    expectLimitReached(await newMonitor(team, { slug: "three" }), "2 monitors");
    const list = (await api("GET", "/api/v1/monitors", undefined, as(team))).body.data;
    expect(list.map((m: { slug: string }) => m.slug).sort()).toEqual(["one", "two"]);
    expect((await teamView(team)).usage.monitors).toBe(2);
  });

  it("channels", async () => {
    const team = await teamWithLimit("channels", { channels: 1 });
    expect((await newChannel(team)).status).toBe(201);
    expectLimitReached(await newChannel(team), "1 channels");
    expect((await api("GET", "/api/v1/channels", undefined, as(team))).body.data).toHaveLength(1);
  });

  it("API keys: live ones count, so revoking one frees its slot", async () => {
    const team = await teamWithLimit("keys", { api_keys: 3 });
    const third = await newKey(team);
    expect(third.status).toBe(201);
    expectLimitReached(await newKey(team), "3 live API keys");
    expect((await api("DELETE", `/api/v1/keys/${third.body.id}`, undefined, as(team))).status).toBe(204);
    expect((await newKey(team)).status).toBe(201);
  });

  it("ping_log_size: up to the team's limit on create and edit; a size kept from before survives other edits", async () => {
    const team = await teamWithLimit("ping log", { ping_log_size: 200 });
    expect((await newMonitor(team, { ping_log_size: 200 })).status).toBe(201);
    const tooBig = await newMonitor(team, { ping_log_size: 201 });
    expectLimitReached(tooBig, "ping_log_size");
    expect(tooBig.body.error.details).toEqual([{ path: "ping_log_size", message: expect.stringContaining("at most 200") }]);
    const big = (await newMonitor(team, { slug: "big", ping_log_size: 150 })).body;
    expectLimitReached(await api("PATCH", `/api/v1/monitors/${big.id}`, { ping_log_size: 300 }, as(team)), "ping_log_size");

    expect((await setLimits(team, { ping_log_size: 100 })).status).toBe(200);
    const renamed = await api("PATCH", `/api/v1/monitors/${big.id}`, { name: "renamed", ping_log_size: 150 }, as(team));
    expect(renamed.status).toBe(200);
    expect(renamed.body.ping_log_size).toBe(150);
    // Without ping_log_size a monitor gets the default, which every limit allows.
    expect((await newMonitor(team)).body.ping_log_size).toBe(100);
  });
});

describe("the super-admin", () => {
  it("raises a limit, and null sets it back to the deployment's default", async () => {
    const team = await teamWithLimit("raise", { monitors: 1 });
    expect((await newMonitor(team)).status).toBe(201);
    expect((await newMonitor(team)).status).toBe(403);
    const raised = await setLimits(team, { monitors: 2 });
    expect(raised.body.limits).toEqual({ ...DEFAULT_TEAM_LIMITS, monitors: 2 });
    expect(raised.body.usage.monitors).toBe(1);
    expect((await newMonitor(team)).status).toBe(201);
    expect((await setLimits(team, { monitors: null })).body.limits.monitors).toBe(DEFAULT_TEAM_LIMITS.monitors);
  });

  it("alone sets limits: a team's write key gets 403 and nothing changes", async () => {
    const team = await createTeamWithKeys("self-service");
    const res = await api("PATCH", "/api/v1/team", { name: "renamed", limits: { monitors: 5000 } }, as(team));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(await teamView(team)).toMatchObject({ name: "self-service", limits: DEFAULT_TEAM_LIMITS });
    expect((await setLimits(team, { monitors: 0 })).status).toBe(200);
    expect((await api("PATCH", `/api/v1/teams/${team.id}`, { limits: { monitors: -1 } })).status).toBe(400);
    expect(
      (
        await api(
          "PATCH",
          "/api/v1/team",
          { limits: { channels: 7 } },
          { authorization: `Bearer ${ADMIN_TOKEN}`, "x-lubdub-team": team.id },
        )
      ).status,
    ).toBe(200);
    expect((await teamView(team)).limits).toMatchObject({ monitors: 0, channels: 7 });
  });
});
