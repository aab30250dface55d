import { describe, expect, it } from "vitest";
import { periodsOf, type UptimeInput, uptime } from "../../src/domain/uptime";

const H = 3_600_000;
const DAY = 24 * H;
const D1 = Date.parse("2026-03-01T00:00:00Z");

const base: UptimeInput = {
  flips: [],
  before: "up",
  since: D1 - DAY,
  from: D1,
  to: D1 + DAY,
  period: "day",
  timeZone: "UTC",
  now: D1 + 10 * DAY,
};

describe("uptime per day", () => {
  it("10 minutes down in a day: the day shows 10 minutes down out of 24 hours monitored", () => {
    const flips = [
      { at: D1 + 3 * H, to: "down" as const },
      { at: D1 + 3 * H + 600_000, to: "up" as const },
    ];
    expect(uptime({ ...base, flips })).toEqual([{ start: D1, end: D1 + DAY, monitoredMs: DAY, downMs: 600_000, pausedMs: 0 }]);
  });

  it("a flip exactly at midnight counts wholly in the day it starts", () => {
    const flips = [{ at: D1 + DAY, to: "down" as const }];
    const [first, second] = uptime({ ...base, flips, to: D1 + 2 * DAY });
    expect(first?.downMs).toBe(0);
    expect(second?.downMs).toBe(DAY);
  });

  it("before the monitor existed nothing is monitored", () => {
    const [day] = uptime({ ...base, since: D1 + 12 * H, before: "down" });
    expect(day).toMatchObject({ monitoredMs: 12 * H, downMs: 12 * H });
  });

  it("a day wholly before the monitor existed has nothing monitored", () => {
    const [day] = uptime({ ...base, since: D1 + 2 * DAY });
    expect(day).toMatchObject({ monitoredMs: 0, downMs: 0, pausedMs: 0 });
  });

  it("a day after now has nothing monitored", () => {
    const [day] = uptime({ ...base, now: D1 - H });
    expect(day).toMatchObject({ monitoredMs: 0, downMs: 0 });
  });

  it("the current day counts only up to now", () => {
    const [day] = uptime({ ...base, now: D1 + 6 * H });
    expect(day).toMatchObject({ monitoredMs: 6 * H, downMs: 0 });
  });

  it("paused time is shown apart and not monitored; new time is neither", () => {
    const flips = [
      { at: D1 + 2 * H, to: "paused" as const },
      { at: D1 + 5 * H, to: "new" as const },
      { at: D1 + 6 * H, to: "up" as const },
    ];
    const [day] = uptime({ ...base, flips });
    expect(day).toMatchObject({ monitoredMs: 20 * H, pausedMs: 3 * H, downMs: 0 });
  });
});

describe("periods in a time zone", () => {
  it("a DST day in Europe/Berlin is 23 hours long, and starts at local midnight", () => {
    const from = Date.parse("2026-03-29T00:00:00+01:00");
    const [day] = periodsOf("day", "Europe/Berlin", from, from + H);
    expect(day).toEqual({ start: from, end: Date.parse("2026-03-30T00:00:00+02:00") });
    expect((day?.end ?? 0) - (day?.start ?? 0)).toBe(23 * H);
  });

  it("the autumn DST day is 25 hours", () => {
    const from = Date.parse("2026-10-25T00:00:00+02:00");
    const [day] = periodsOf("day", "Europe/Berlin", from, from + H);
    expect((day?.end ?? 0) - (day?.start ?? 0)).toBe(25 * H);
  });

  it("months are whole local months, widened from a time inside one", () => {
    const periods = periodsOf("month", "UTC", Date.parse("2026-01-15T12:00:00Z"), Date.parse("2026-03-01T00:00:00Z"));
    expect(periods.map((p) => new Date(p.start).toISOString())).toEqual(["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]);
  });

  it("a day in New York starts at 05:00 UTC in winter", () => {
    const [day] = periodsOf("day", "America/New_York", Date.parse("2026-01-10T12:00:00Z"), Date.parse("2026-01-10T13:00:00Z"));
    expect(new Date(day?.start ?? 0).toISOString()).toBe("2026-01-10T05:00:00.000Z");
  });
});
