import { describe, expect, it } from "vitest";
import { advanceTo, alerts, api, createMonitor, live, M, ping, setNow, settle, useFakeClock } from "../../helpers";

// Europe/Berlin in 2100: clocks go forward on 28 March (02:00 CET → 03:00 CEST) and back on
// 31 October (03:00 CEST → 02:00 CET). The year keeps real alarms from ever firing on their own.
const at = (iso: string) => Date.parse(iso);

useFakeClock();

/** A daily 02:30 Berlin job, pinged by its cron daemon at `runs` (UTC), 5 s after each start. */
async function dailyJob(firstPing: string) {
  setNow(at(firstPing));
  const monitor = await createMonitor({ schedule: "30 2 * * *", timezone: "Europe/Berlin", grace: "30m" });
  await ping(monitor.ping_url);
  await settle(monitor.id);
  return monitor;
}

describe("cron schedules across DST", () => {
  it("spring forward: the 02:30 that does not exist is expected at 03:00, neither skipped nor early", async () => {
    const monitor = await dailyJob("2100-03-27T01:30:05Z"); // 02:30:05 CET
    expect((await live(monitor.id)).next_due_at).toBe("2100-03-28T01:00:00.000Z"); // 03:00 CEST
    await advanceTo(monitor.id, at("2100-03-28T01:00:05Z"));
    expect((await live(monitor.id)).status).toBe("late"); // past 03:00, inside the grace: no alert
    await ping(monitor.ping_url); // cron runs the skipped 02:30 at 03:00
    await settle(monitor.id);
    expect((await live(monitor.id)).next_due_at).toBe("2100-03-29T00:30:00.000Z"); // 02:30 CEST
    await advanceTo(monitor.id, at("2100-03-29T00:30:05Z"));
    await ping(monitor.ping_url);
    await advanceTo(monitor.id, at("2100-03-30T00:00:00Z"));
    expect(await alerts(monitor.id)).toEqual([]);
  });

  it("spring forward: a job that does not run that day goes down 30 minutes after 03:00", async () => {
    const monitor = await dailyJob("2100-03-27T01:30:05Z");
    await advanceTo(monitor.id, at("2100-03-28T01:30:00Z") - 1);
    expect((await live(monitor.id)).status).toBe("late");
    await advanceTo(monitor.id, at("2100-03-28T01:30:00Z"));
    expect(await alerts(monitor.id)).toEqual([expect.objectContaining({ reason: "missed", opened_at: "2100-03-28T01:30:00.000Z" })]);
  });

  it("fall back: 02:30 happens twice but is expected once; no alarm at the second pass", async () => {
    const monitor = await dailyJob("2100-10-30T00:30:05Z"); // 02:30:05 CEST
    expect((await live(monitor.id)).next_due_at).toBe("2100-10-31T00:30:00.000Z"); // first 02:30 (CEST)
    await advanceTo(monitor.id, at("2100-10-31T00:30:05Z"));
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect((await live(monitor.id)).next_due_at).toBe("2100-11-01T01:30:00.000Z"); // 02:30 CET next day
    // The second 02:30 (01:30Z) and its grace pass without anything expected.
    await advanceTo(monitor.id, at("2100-10-31T02:30:00Z"));
    expect((await live(monitor.id)).status).toBe("up");
    await advanceTo(monitor.id, at("2100-11-01T01:30:05Z"));
    await ping(monitor.ping_url);
    await advanceTo(monitor.id, at("2100-11-01T12:00:00Z"));
    expect(await alerts(monitor.id)).toEqual([]);
  });

  it("early_tolerance: a ping shortly before the occurrence counts for it", async () => {
    setNow(at("2100-01-04T08:58:30Z"));
    const strict = await createMonitor({ schedule: "0 9 * * *" });
    const tolerant = await createMonitor({ schedule: "0 9 * * *", early_tolerance: "2m" });
    await ping(strict.ping_url);
    await ping(tolerant.ping_url);
    expect((await live(strict.id)).next_due_at).toBe("2100-01-04T09:00:00.000Z"); // expected again in 90 s
    expect((await live(tolerant.id)).next_due_at).toBe("2100-01-05T09:00:00.000Z"); // this ping was the 09:00 one
    await advanceTo(strict.id, at("2100-01-04T09:00:00Z"));
    expect((await live(strict.id)).status).toBe("down");
  });

  it("shows the next 5 expected times in the monitor's time zone", async () => {
    setNow(at("2100-01-01T12:00:00Z"));
    const monitor = await createMonitor({ schedule: "0 9 * * 1-5", timezone: "America/New_York" });
    expect(monitor).toMatchObject({ interval: null, schedule: "0 9 * * 1-5", timezone: "America/New_York" });
    // 1 Jan 2100 is a Friday; 09:00 EST is 14:00Z; then the weekend is skipped.
    expect(monitor.next_expected_at).toEqual([
      "2100-01-01T14:00:00.000Z",
      "2100-01-04T14:00:00.000Z",
      "2100-01-05T14:00:00.000Z",
      "2100-01-06T14:00:00.000Z",
      "2100-01-07T14:00:00.000Z",
    ]);
  });

  it("@hourly and @daily nicknames work", async () => {
    setNow(at("2100-01-01T12:34:00Z"));
    const hourly = await createMonitor({ schedule: "@hourly" });
    const daily = await createMonitor({ schedule: "@daily", timezone: "Europe/Berlin" });
    expect(hourly.next_expected_at[0]).toBe("2100-01-01T13:00:00.000Z");
    expect(daily.next_expected_at[0]).toBe("2100-01-01T23:00:00.000Z");
  });

  it("switching a monitor from an interval to a schedule moves its deadline", async () => {
    setNow(at("2100-01-01T12:00:00Z"));
    const monitor = await createMonitor({ interval: "1d" });
    await ping(monitor.ping_url);
    const patched = (await api("PATCH", `/api/v1/monitors/${monitor.id}`, { schedule: "0 13 * * *" })).body;
    expect(patched).toMatchObject({ interval: null, schedule: "0 13 * * *", timezone: "UTC", next_due_at: "2100-01-01T13:00:00.000Z" });
    await advanceTo(monitor.id, at("2100-01-01T13:00:00Z") + M);
    expect((await live(monitor.id)).status).toBe("down");
  });
});

describe("schedule input", () => {
  it.each([
    ["six fields", { schedule: "0 0 2 * * *" }, "schedule"],
    ["garbage", { schedule: "every day at noon" }, "schedule"],
    ["never matches", { schedule: "0 0 30 2 *" }, "schedule"],
    ["unknown nickname", { schedule: "@reboot" }, "schedule"],
    ["unknown time zone", { schedule: "@daily", timezone: "Mars/Olympus" }, "timezone"],
    ["offset instead of zone", { schedule: "@daily", timezone: "+01:00" }, "timezone"],
    ["both interval and schedule", { schedule: "@daily", interval: 60 }, "schedule"],
    ["neither", {}, "interval"],
    ["time zone with an interval", { interval: 60, timezone: "UTC" }, "timezone"],
  ])("rejects %s with 400 naming the field", async (_, body, path) => {
    const res = await api("POST", "/api/v1/monitors", { name: "job", ...body });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it("a PATCH with only a time zone moves a cron schedule to it, and is refused for an interval", async () => {
    setNow(at("2100-01-01T00:00:00Z"));
    const cron = await createMonitor({ schedule: "0 9 * * *" });
    const moved = (await api("PATCH", `/api/v1/monitors/${cron.id}`, { timezone: "Europe/Berlin" })).body;
    expect(moved).toMatchObject({ schedule: "0 9 * * *", timezone: "Europe/Berlin" });
    expect(moved.next_expected_at[0]).toBe("2100-01-01T08:00:00.000Z");
    const interval = await createMonitor({ interval: 60 });
    const refused = await api("PATCH", `/api/v1/monitors/${interval.id}`, { timezone: "Europe/Berlin" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].path).toBe("timezone");
    expect((await api("GET", `/api/v1/monitors/${interval.id}`)).body).toMatchObject({ interval: 60, timezone: null });
  });
});
