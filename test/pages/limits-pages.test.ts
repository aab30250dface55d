import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { api, ORIGIN, type PageSession, signIn } from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";

// The dashboard's create forms past the team's limits: the same refusal as the API (403, its message), and
// nothing created.
const app = createApp();

function submit(path: string, session: PageSession, fields: Record<string, string>) {
  const body = new URLSearchParams({ ...fields, _csrf: session.csrf });
  return app.request(`${ORIGIN}${path}`, { method: "POST", body, headers: { cookie: session.cookie }, redirect: "manual" }, env);
}

describe("dashboard forms at the team's limits", () => {
  it("a monitor, a channel and a key are refused with the limit's message, and none is created", async () => {
    const team = await createTeamWithKeys("full");
    // The fixture's team already has two keys.
    expect((await api("PATCH", `/api/v1/teams/${team.id}`, { limits: { monitors: 0, channels: 0, api_keys: 2 } })).status).toBe(200);
    const session = await signIn(team.write);

    const monitor = await submit("/app/monitors", session, {
      name: "nightly",
      schedule_kind: "interval",
      interval: "5",
      interval_unit: "m",
      grace: "2m",
      failure_threshold: "1",
      recovery_threshold: "1",
    });
    expect(monitor.status).toBe(403);
    expect(await monitor.text()).toContain("team limit reached: the team already has 0 monitors");

    const channel = await submit("/app/channels", session, { type: "webhook", name: "hook", url: "http://receiver.test/hook" });
    expect(channel.status).toBe(403);
    expect(await channel.text()).toContain("team limit reached: the team already has 0 channels");

    const key = await submit("/app/team/keys", session, { name: "ci", scope: "read" });
    expect(key.status).toBe(403);
    expect(await key.text()).toContain("team limit reached: the team already has 2 live API keys");

    const usage = (await api("GET", "/api/v1/team", undefined, bearer(team.write))).body.usage;
    expect(usage).toEqual({ monitors: 0, channels: 0, api_keys: 2 });
  });

  it("the team page shows each limit and what the team uses of it", async () => {
    const team = await createTeamWithKeys("shown");
    expect((await api("PATCH", `/api/v1/teams/${team.id}`, { limits: { channels: 7 } })).status).toBe(200);
    const session = await signIn(team.read);
    const html = await (await app.request(`${ORIGIN}/app/team`, { headers: { cookie: session.cookie } }, env)).text();
    const row = (label: string) => new RegExp(`<th scope="row">${label}</th><td[^>]*>([^<]*)</td><td>([^<]*)</td>`).exec(html)?.slice(1);
    expect(row("Channels")).toEqual(["0", "7"]);
    expect(row("Live API keys")).toEqual(["2", "50"]);
  });
});
