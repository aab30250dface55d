import { describe, expect, it } from "vitest";
import { api, createMonitor, stub, T0, useFakeClock } from "../../helpers";

/** The team's alert-storm setting (domain/alert-group.ts): shown by GET, changed by PATCH, copied into every monitor's object. */
useFakeClock(T0);

const team = async () => (await api("GET", "/api/v1/team")).body;

describe("the team's alert grouping", () => {
  it("defaults to off, more than 5 within 60 s", async () => {
    expect((await team()).alert_grouping).toEqual({ enabled: false, threshold: 5, window: 60 });
  });

  it("PATCH changes the fields given, keeps the others, and every monitor of the team gets it", async () => {
    const monitor = await createMonitor({ name: "grouped" });
    const patched = await api("PATCH", "/api/v1/team", { alert_grouping: { enabled: true, window: "2m" } });
    expect(patched.status).toBe(200);
    expect(patched.body.alert_grouping).toEqual({ enabled: true, threshold: 5, window: 120 });
    expect((await team()).alert_grouping).toEqual({ enabled: true, threshold: 5, window: 120 });
    const snapshot = await stub(monitor.id).snapshot();
    expect(snapshot?.config.teamAlertGrouping).toEqual({ enabled: true, threshold: 5, window: 120 });
    // A monitor created later gets it too.
    const later = await createMonitor({ name: "grouped later" });
    expect((await stub(later.id).snapshot())?.config.teamAlertGrouping).toEqual({ enabled: true, threshold: 5, window: 120 });
    await api("PATCH", "/api/v1/team", { alert_grouping: { enabled: false } });
  });

  it.each([
    [{ threshold: 0 }, "alert_grouping.threshold"],
    [{ threshold: 2.5 }, "alert_grouping.threshold"],
    [{ threshold: 1001 }, "alert_grouping.threshold"],
    [{ window: "5s" }, "alert_grouping.window"],
    [{ window: "2h" }, "alert_grouping.window"],
    [{ enabled: "yes" }, "alert_grouping.enabled"],
    [{ size: 3 }, "alert_grouping.size"],
  ])("%o is a 400 naming %s, and changes nothing", async (grouping, path) => {
    const before = await team();
    const res = await api("PATCH", "/api/v1/team", { alert_grouping: grouping });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details.map((detail: { path: string }) => detail.path)).toEqual([path]);
    expect(await team()).toEqual(before);
  });
});
