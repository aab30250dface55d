import { describe, expect, it } from "vitest";
import { durationText, fieldOfPath, inputFromValues, previewQueryOf } from "../../src/pages/monitor-form/values";

// The monitor form's values and the API input they ask for (pure; the pages' tests post real forms).
describe("durationText", () => {
  it("is exact, the way the API reads durations back", () => {
    expect([0, 59, 300, 5400, 86_400, 90_061].map(durationText)).toEqual(["0s", "59s", "5m", "1h30m", "1d", "1d1h1m1s"]);
    expect(durationText(null)).toBe("");
  });
});

describe("inputFromValues", () => {
  it("joins the interval and its unit, splits tags, and empties what the form leaves empty", () => {
    const input = inputFromValues({
      name: " x ",
      schedule_kind: "interval",
      interval: "90",
      interval_unit: "s",
      tags: "a, b  c",
      max_runtime: "",
    });
    expect(input).toMatchObject({ name: "x", interval: "90s", tags: ["a", "b", "c"], max_runtime: null, remind_every: null, slug: null });
    expect(input).not.toHaveProperty("schedule");
    expect(input).toMatchObject({ enabled: false, manual_resume: false, escalation: [], maintenance: [] });
  });

  it("sends a cron schedule with its zone, and not the interval", () => {
    const input = inputFromValues({ schedule_kind: "cron", interval: "5", interval_unit: "m", schedule: "0 2 * * *", timezone: "" });
    expect(input).toMatchObject({ schedule: "0 2 * * *", timezone: "UTC" });
    expect(input).not.toHaveProperty("interval");
  });

  it("drops blank rows and reads a window as once or recurring by what is filled", () => {
    const input = inputFromValues({
      "escalation[0].after": "",
      "escalation[1].after": "10m",
      "escalation[1].channels": ["chn_a", "chn_b"],
      "maintenance[0].starts_at": "2026-03-01T22:00:00Z",
      "maintenance[0].ends_at": "2026-03-02T02:00:00Z",
      "maintenance[1].cron": "",
      "maintenance[2].cron": "0 3 * * 0",
      "maintenance[2].duration": "3600",
      "escalation[x].after": "junk",
    });
    expect(input.escalation).toEqual([{ after: "10m", channels: ["chn_a", "chn_b"] }]);
    expect(input.maintenance).toEqual([
      { starts_at: "2026-03-01T22:00:00Z", ends_at: "2026-03-02T02:00:00Z" },
      { cron: "0 3 * * 0", timezone: "UTC", duration: 3600 },
    ]);
  });

  it("the preview reads the schedule as a submit would", () => {
    expect(previewQueryOf({ schedule_kind: "interval", interval: "2", interval_unit: "h", grace: "", schedule: "* * * * *" })).toEqual({
      interval: "2h",
    });
    expect(previewQueryOf({ schedule_kind: "interval", interval: "" })).toEqual({ interval: "" });
    expect(previewQueryOf({ schedule_kind: "cron", schedule: "@daily", timezone: "Asia/Tokyo", viewer_timezone: "UTC" })).toEqual({
      schedule: "@daily",
      timezone: "Asia/Tokyo",
      viewer_timezone: "UTC",
    });
  });
});

describe("fieldOfPath: which input an API error belongs to", () => {
  const shown = new Set(["tags", "interval", "escalation", "escalation[0].after", "escalation[0].channels", "maintenance"]);
  it.each([
    ["interval", "interval"],
    ["tags[2]", "tags"],
    ["escalation[0].after", "escalation[0].after"],
    ["escalation[0].channels[1]", "escalation[0].channels"],
    ["escalation[3].after", "escalation"],
    ["maintenance[0]", "maintenance"],
    ["ping_log_size", ""],
    ["", ""],
  ])("%s → %s", (path, field) => {
    expect(fieldOfPath(path, shown)).toBe(field);
  });
});
