import { describe, expect, it } from "vitest";
import { wallClockIn } from "../../src/domain/zone-clock";

// The one wall clock behind the details page's times and uptime's local days.

describe("wallClockIn", () => {
  it("reads midnight as hour 0, not 24", () => {
    expect(wallClockIn(Date.parse("2026-03-01T00:00:05Z"), "UTC")).toEqual({ year: 2026, month: 3, day: 1, hour: 0, minute: 0, second: 5 });
  });

  it("follows a zone across its daylight-saving change", () => {
    // Berlin moves from UTC+1 to UTC+2 at 01:00 UTC on 2026-03-29.
    expect(wallClockIn(Date.parse("2026-03-29T00:59:59Z"), "Europe/Berlin")).toMatchObject({ day: 29, hour: 1, minute: 59 });
    expect(wallClockIn(Date.parse("2026-03-29T01:00:00Z"), "Europe/Berlin")).toMatchObject({ day: 29, hour: 3, minute: 0 });
  });

  it("crosses the date line: the same instant is a different day in Auckland and Honolulu", () => {
    const instant = Date.parse("2026-06-30T20:00:00Z");
    expect(wallClockIn(instant, "Pacific/Auckland")).toMatchObject({ month: 7, day: 1, hour: 8 });
    expect(wallClockIn(instant, "Pacific/Honolulu")).toMatchObject({ month: 6, day: 30, hour: 10 });
  });
});
