import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { capturingDb, fullScans, queryPlan } from "../d1-capture";
import { advanceTo, api, interceptFetch, M, ORIGIN, ping, settle, signIn, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";

// The alerts, channels, team and public status pages read D1 through indexes only: no query scans a table.

useFakeClock(T0);

describe("the alerts, channels, team and status pages' queries", () => {
  it("use an index each, and the status page is one round trip", async () => {
    const team = await createTeamWithKeys("queries");
    interceptFetch();
    const channel = await api(
      "POST",
      "/api/v1/channels",
      { type: "webhook", name: "hook", url: "http://receiver.test/q" },
      bearer(team.write),
    );
    const monitor = await api(
      "POST",
      "/api/v1/monitors",
      { name: "job", interval: 60, grace: 0, tags: ["prod"], channels: [channel.body.id] },
      bearer(team.write),
    );
    await ping(monitor.body.ping_url);
    await settle(monitor.body.id);
    await advanceTo(monitor.body.id, T0 + 2 * M);
    const statusUrl = (await api("PATCH", "/api/v1/team", { status_page: { tag: "prod" } }, bearer(team.write))).body.status_page.url;
    const session = await signIn(team.write);
    const app = createApp();

    for (const path of ["/app/alerts", "/app/channels", `/app/channels/${channel.body.id}`, "/app/team", statusUrl.slice(ORIGIN.length)]) {
      const { db, queries } = capturingDb();
      const res = await app.request(`${ORIGIN}${path}`, { headers: { cookie: session.cookie } }, { ...env, DB: db });
      expect(res.status, path).toBe(200);
      expect(queries.length, path).toBeGreaterThan(0);
      for (const query of queries) expect(fullScans(await queryPlan(query)), `${path}: ${query.sql}`).toEqual([]);
      if (path.startsWith("/status/")) expect(queries).toHaveLength(3); // one batch of three statements
    }
  });
});
