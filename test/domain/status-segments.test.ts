import { describe, expect, it } from "vitest";
import type { MonitorStatus } from "../../src/domain/monitor";
import {
  bucketBounds,
  type SegmentsInput,
  STATUS_SEVERITY,
  statusAtStart,
  statusSegments,
  statusStrip,
  stripRuns,
  worseStatus,
} from "../../src/domain/status-segments";

const H = 3_600_000;
const T0 = Date.parse("2026-03-01T00:00:00Z");
const flip = (hours: number, to: MonitorStatus) => ({ at: T0 + hours * H, to });
const base: SegmentsInput = { flips: [], before: "up", from: T0, to: T0 + 24 * H };

describe("statusSegments", () => {
  it("no flips: one segment of the starting status over the whole window", () => {
    expect(statusSegments(base)).toEqual([{ status: "up", start: T0, end: T0 + 24 * H }]);
  });

  it("a down hour in the middle splits the window in three", () => {
    const flips = [flip(3, "down"), flip(4, "up")];
    expect(statusSegments({ ...base, flips })).toEqual([
      { status: "up", start: T0, end: T0 + 3 * H },
      { status: "down", start: T0 + 3 * H, end: T0 + 4 * H },
      { status: "up", start: T0 + 4 * H, end: T0 + 24 * H },
    ]);
  });

  it("flips before the window only set the starting status; those at or after its end are ignored", () => {
    const flips = [flip(-5, "down"), flip(-1, "late"), flip(24, "up"), flip(30, "paused")];
    expect(statusSegments({ ...base, flips })).toEqual([{ status: "late", start: T0, end: T0 + 24 * H }]);
  });

  it("a flip to the same status merges into one segment", () => {
    const flips = [flip(2, "up"), flip(6, "up")];
    expect(statusSegments({ ...base, flips })).toEqual([{ status: "up", start: T0, end: T0 + 24 * H }]);
  });

  it("nothing is drawn before the monitor was created", () => {
    const flips = [flip(10, "up")];
    expect(statusSegments({ ...base, before: "new", flips, since: T0 + 8 * H })).toEqual([
      { status: "new", start: T0 + 8 * H, end: T0 + 10 * H },
      { status: "up", start: T0 + 10 * H, end: T0 + 24 * H },
    ]);
  });

  it("two flips at one instant: the later one wins, no empty segment", () => {
    const flips = [flip(5, "late"), flip(5, "down")];
    expect(statusSegments({ ...base, flips }).map((s) => s.status)).toEqual(["up", "down"]);
  });

  it("an empty window has no segments", () => {
    expect(statusSegments({ ...base, to: T0 })).toEqual([]);
  });
});

describe("statusAtStart", () => {
  const listed = { status: "down" as const, since: T0 - H };
  it("the last flip before the window wins", () => {
    expect(statusAtStart({ previous: { to: "late" }, firstInWindow: { from: "up" }, listed, from: T0 })).toBe("late");
  });
  it("else the first flip in the window says where it came from", () => {
    expect(statusAtStart({ previous: null, firstInWindow: { from: "up" }, listed, from: T0 })).toBe("up");
  });
  it("no flips at all: the listed status if it held at the start, else new", () => {
    expect(statusAtStart({ previous: null, firstInWindow: undefined, listed, from: T0 })).toBe("down");
    expect(statusAtStart({ previous: null, firstInWindow: undefined, listed, from: T0 - 2 * H })).toBe("new");
  });
});

describe("statusStrip", () => {
  it("the order is down, late, running, up, paused, new", () => {
    expect(STATUS_SEVERITY).toEqual(["down", "late", "running", "up", "paused", "new"]);
    expect(worseStatus("up", "down")).toBe("down");
    expect(worseStatus("paused", "running")).toBe("running");
    expect(worseStatus(null, "new")).toBe("new");
  });

  it("a one-minute outage shows as a whole down bucket of a 24-bucket day", () => {
    const flips = [
      { at: T0 + 5 * H + 10 * 60_000, to: "down" as const },
      { at: T0 + 5 * H + 11 * 60_000, to: "up" as const },
    ];
    const strip = statusStrip(statusSegments({ ...base, flips }), base.from, base.to, 24);
    expect(strip).toHaveLength(24);
    expect(strip[5]).toBe("down");
    expect(strip.filter((s) => s === "down")).toHaveLength(1);
    expect(strip[4]).toBe("up");
    expect(strip[6]).toBe("up");
  });

  it("a flip exactly on a bucket boundary belongs to the bucket it starts", () => {
    const strip = statusStrip(statusSegments({ ...base, flips: [flip(12, "down")] }), base.from, base.to, 24);
    expect(strip[11]).toBe("up");
    expect(strip[12]).toBe("down");
  });

  it("buckets before the monitor existed have no status", () => {
    const segments = statusSegments({ ...base, before: "up", since: T0 + 18 * H });
    const strip = statusStrip(segments, base.from, base.to, 4);
    expect(strip).toEqual([null, null, null, "up"]);
  });

  it("buckets tile the window exactly even when it does not divide evenly", () => {
    const from = 0;
    const to = 1000;
    const bounds = [0, 1, 2].map((i) => bucketBounds(from, to, 3, i));
    expect(bounds[0]?.start).toBe(0);
    expect(bounds[2]?.end).toBe(1000);
    expect(bounds[1]?.start).toBe(bounds[0]?.end);
    expect(bounds[2]?.start).toBe(bounds[1]?.end);
  });

  it("no buckets, or an empty window, give an empty strip", () => {
    expect(statusStrip(statusSegments(base), base.from, base.to, 0)).toEqual([]);
    expect(statusStrip([], T0, T0, 10)).toEqual([]);
  });

  it("stripRuns merges equal neighbours", () => {
    expect(stripRuns(["up", "up", "down", null, null])).toEqual([
      { status: "up", index: 0, count: 2 },
      { status: "down", index: 2, count: 1 },
      { status: null, index: 3, count: 2 },
    ]);
  });
});
