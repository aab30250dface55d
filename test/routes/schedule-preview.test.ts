import { describe, expect, it } from "vitest";
import { api, client, ok, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";

// GET /api/v1/schedule-preview: the form's live preview, from the server's own schedule code.
useFakeClock(T0); // 2100-01-01T00:00:00Z, a Friday

const preview = (query: Record<string, string>) => ok(client.GET("/api/v1/schedule-preview", { params: { query } }));
const previewRaw = (query: string, headers?: Record<string, string>) => api("GET", `/api/v1/schedule-preview?${query}`, undefined, headers);

describe("GET /api/v1/schedule-preview", () => {
  it("says a cron schedule in words, with its next six times in its zone and the viewer's", async () => {
    const body = await preview({ schedule: "30 2 * * *", timezone: "Europe/Berlin", viewer_timezone: "America/New_York" });
    expect(body.words).toBe("every day at 02:30 (Europe/Berlin)");
    expect(body.timezone).toBe("Europe/Berlin");
    expect(body.warnings).toEqual([]);
    expect(body.next).toHaveLength(6);
    expect(body.next[0]).toEqual({
      at: "2100-01-01T01:30:00.000Z",
      local: "Fri 1 Jan 2100, 02:30 GMT+1",
      viewer_local: "Thu 31 Dec 2099, 20:30 GMT-5",
    });
  });

  it("warns about `* 9 * * *` and a grace longer than the time between pings", async () => {
    const body = await preview({ schedule: "* 9 * * *", grace: "1h" });
    expect(body.words).toBe("every minute from 09:00 to 09:59 (UTC)");
    expect(body.warnings.map((w) => w.code)).toEqual(["every_minute_of_hour", "grace_longer_than_period"]);
    expect(body.next.map((t) => t.at.slice(11, 16))).toEqual(["09:00", "09:01", "09:02", "09:03", "09:04", "09:05"]);
  });

  it("takes an interval as seconds or a duration; its times count from now", async () => {
    for (const interval of ["300", "5m"]) {
      const body = await preview({ interval, grace: "300" });
      expect(body.words).toBe("every 5 minutes");
      expect(body.warnings).toEqual([]);
      expect(body.next[0]?.at).toBe("2100-01-01T00:05:00.000Z");
      expect(body.next[0]?.viewer_local).toBeNull();
    }
  });

  it("refuses a bad cron or zone with the message a monitor create gives for that field", async () => {
    for (const [field, value] of [
      ["schedule", "* 9 * *"],
      ["schedule", "0 25 * * *"],
      ["timezone", "CET"],
      ["interval", "5x"],
    ] as const) {
      const created = await api("POST", "/api/v1/monitors", {
        name: "x",
        ...(field === "timezone" ? { schedule: "0 0 * * *" } : {}),
        [field]: value,
      });
      expect(created.status).toBe(400);
      const query = new URLSearchParams({ ...(field === "timezone" ? { schedule: "0 0 * * *" } : {}), [field]: value });
      const res = await previewRaw(query.toString());
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(created.body.error.code);
      expect(res.body.error.details).toEqual(created.body.error.details);
    }
  });

  it("needs exactly one of interval and schedule", async () => {
    expect((await previewRaw("")).body.error.details).toEqual([{ path: "interval", message: "required: an interval or a schedule" }]);
    expect((await previewRaw("interval=60&schedule=*+*+*+*+*")).body.error.details).toEqual([
      { path: "schedule", message: "use either interval or schedule, not both" },
    ]);
  });

  it("a team's read key may ask; no key may not", async () => {
    const team = await createTeamWithKeys("preview team");
    expect((await previewRaw("interval=60", bearer(team.read))).status).toBe(200);
    expect((await previewRaw("interval=60", { authorization: "" })).status).toBe(401);
  });
});
