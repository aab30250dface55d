import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ORIGIN, ping, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys, type TeamFixture } from "../teams-helpers";

// The paths that create without a person watching: a ping that creates its monitor (?create=1) past the limit,
// and two creates at once for the last slot.

useFakeClock(T0);
afterEach(() => vi.restoreAllMocks());

const monitorsOf = async (team: TeamFixture) =>
  (await api("GET", "/api/v1/monitors", undefined, bearer(team.write))).body.data as { id: string; slug: string }[];

async function fullTeam(name: string): Promise<TeamFixture> {
  const team = await createTeamWithKeys(name);
  expect((await api("PATCH", `/api/v1/teams/${team.id}`, { create_on_ping: true, limits: { monitors: 1 } })).status).toBe(200);
  expect((await ping(`${ORIGIN}/ping/${team.pingKey}/first?create=1`)).status).toBe(201);
  return team;
}

describe("create on ping past the monitor limit", () => {
  it("the pinger gets 403 limit_reached, and no monitor or alert is made; known slugs still ping", async () => {
    const team = await fullTeam("pinger");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = await ping(`${ORIGIN}/ping/${team.pingKey}/second?create=1`);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("limit_reached");
    expect(body.error.message).toContain("1 monitors");
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ event: "create_on_ping.refused", slug: "second" }));
    expect((await monitorsOf(team)).map((m) => m.slug)).toEqual(["first"]);
    expect((await api("GET", "/api/v1/alerts", undefined, bearer(team.write))).body.data).toEqual([]);
    expect((await ping(`${ORIGIN}/ping/${team.pingKey}/first?create=1`)).status).toBe(200);
  });
});

/**
 * Holds the first batch that inserts a monitor until `meanwhile` ran: as if another create were served
 * between this one's check and its insert (requests run in parallel isolates in production).
 */
function holdMonitorInsert(meanwhile: () => Promise<void>) {
  const batch = env.DB.batch.bind(env.DB);
  let held = false;
  vi.spyOn(env.DB, "batch").mockImplementation(async (statements) => {
    const inserts = statements.some((s) => JSON.stringify(s).includes("INSERT INTO monitors"));
    if (held || !inserts) return batch(statements);
    held = true;
    await meanwhile();
    return batch(statements);
  });
}

describe("two creates for the last slot", () => {
  it("the one whose insert comes second is refused and leaves no row (nor tag row) behind", async () => {
    const team = await createTeamWithKeys("race");
    expect((await api("PATCH", `/api/v1/teams/${team.id}`, { limits: { monitors: 1 } })).status).toBe(200);
    let other = 0;
    holdMonitorInsert(async () => {
      other = (await api("POST", "/api/v1/monitors", { name: "other", slug: "other", interval: 60, tags: ["nightly"] }, bearer(team.write)))
        .status;
    });
    const first = await api(
      "POST",
      "/api/v1/monitors",
      { name: "first", slug: "first", interval: 60, tags: ["nightly"] },
      bearer(team.write),
    );
    expect(other).toBe(201);
    expect(first.status).toBe(403);
    expect(first.body.error.code).toBe("limit_reached");
    expect((await monitorsOf(team)).map((m) => m.slug)).toEqual(["other"]);
    const tagRows = await env.DB.prepare("SELECT monitor_id FROM monitor_tags WHERE team_id = ?")
      .bind(team.id)
      .all<{ monitor_id: string }>();
    expect(tagRows.results.map((r) => r.monitor_id)).toEqual((await monitorsOf(team)).map((m) => m.id));
  });
});
