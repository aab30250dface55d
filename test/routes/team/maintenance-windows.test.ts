import { afterEach, describe, expect, it } from "vitest";
import { advanceTo, alerts, api, createMonitor, iso, ping, S, setNow, T0, useFakeClock } from "../../helpers";

const H = 3600 * S;

useFakeClock(T0);
// The team is shared by every test in this file: leave it without windows for the next one.
afterEach(() => api("PATCH", "/api/v1/team", { maintenance: [] }));

describe("team-wide maintenance windows", () => {
  it("apply to monitors that exist and to monitors created later; silent only inside, the alert waits a full period after its end", async () => {
    const before = await createMonitor({ interval: "10m" });
    const window = { starts_at: iso(T0 + H), ends_at: iso(T0 + 3 * H) };
    const team = await api("PATCH", "/api/v1/team", { maintenance: [window] });
    expect(team.status).toBe(200);
    expect(team.body.maintenance).toEqual([window]);
    const after = await createMonitor({ interval: "10m" });
    for (const monitor of [before, after]) {
      expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.team_maintenance).toEqual([window]);
      setNow(T0 + H + 60 * S);
      await ping(monitor.ping_url);
    }
    // Both go silent inside the window: they are down, but nobody is paged until it ends.
    for (const monitor of [before, after]) {
      await advanceTo(monitor.id, T0 + 2 * H);
      expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.status).toBe("down");
      expect(await alerts(monitor.id)).toEqual([]);
      await advanceTo(monitor.id, T0 + 3 * H - 1);
      expect(await alerts(monitor.id)).toEqual([]);
      await advanceTo(monitor.id, T0 + 3 * H);
      expect(await alerts(monitor.id)).toEqual([]);
      // The window excused the misses inside it: the monitor gets its 10 minutes from the window's end.
      await advanceTo(monitor.id, T0 + 3 * H + 10 * 60 * S);
      expect(await alerts(monitor.id)).toEqual([expect.objectContaining({ status: "open", opened_at: iso(T0 + 3 * H + 10 * 60 * S) })]);
    }
  });

  it("clearing the team's windows lifts them from every monitor", async () => {
    const monitor = await createMonitor({ interval: "10m" });
    await api("PATCH", "/api/v1/team", { maintenance: [{ cron: "0 * * * *", duration: "30m" }] });
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.team_maintenance).toHaveLength(1);
    await api("PATCH", "/api/v1/team", { maintenance: [] });
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.team_maintenance).toEqual([]);
  });

  it.each([
    [{ maintenance: [{ starts_at: iso(T0 + H), ends_at: iso(T0) }] }, "maintenance[0].ends_at"],
    [{ maintenance: [{ cron: "nope", duration: "1h" }] }, "maintenance[0].cron"],
    [{ maintenance: [{ cron: "@daily", duration: "1h", timezone: "Nowhere/City" }] }, "maintenance[0].timezone"],
    [{ maintenance: "always" }, "maintenance"],
  ])("rejects an invalid team window and changes nothing", async (body, path) => {
    const res = await api("PATCH", "/api/v1/team", body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect((await api("GET", "/api/v1/team")).body.maintenance).toEqual([]);
  });
});
