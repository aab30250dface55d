import { describe, expect, it } from "vitest";
import { statusSegments } from "../../src/domain/status-segments";
import { DurationChart, durationSummary, timedRuns } from "../../src/pages/charts/durations";
import { StatusTimeline, type TimelineProps, timelineBars, timelineLines, timelineSummary } from "../../src/pages/charts/timeline";
import { ago, formatInstant, formatSpan } from "../../src/pages/details/time-words";

const H = 3_600_000;
const NOW = Date.parse("2026-03-02T00:00:00Z");
const FROM = NOW - 24 * H;
const segments = statusSegments({
  flips: [
    { at: FROM + 3 * H, to: "down" },
    { at: FROM + 3 * H + 60_000, to: "up" },
  ],
  before: "up",
  from: FROM,
  to: NOW,
});
const props: TimelineProps = { segments, range: "24h", to: NOW, timeZone: "UTC" };
const render = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());

describe("status timeline", () => {
  it("a one-minute outage is one visible bar among 288 five-minute buckets", () => {
    const bars = timelineBars(props);
    expect(bars.map((b) => b.status)).toEqual(["up", "down", "up"]);
    expect(bars[1]).toMatchObject({ x: 36, width: 1 });
    expect(bars.reduce((sum, b) => sum + b.width, 0)).toBe(288);
  });

  it("the text alternative names each segment, newest first, and the totals", () => {
    expect(timelineSummary(segments)).toBe("up 23 h 59 min, down 1 min");
    expect(timelineLines(segments, "UTC").lines[1]).toBe("down from 2026-03-01 03:00 to 2026-03-01 03:01 (1 min)");
  });

  it("the text alternative is in the viewer's zone when asked", () => {
    expect(timelineLines(segments, "Asia/Tokyo").lines[1]).toContain("from 2026-03-01 12:00");
  });

  it("the SVG uses classes, no inline style, and carries its title and text", async () => {
    const html = await render(StatusTimeline(props));
    expect(html).toContain('class="tl tl-down"');
    expect(html).not.toContain("style=");
    expect(html).toContain('<title id="timeline-title">Status over the last 24 hours: up 23 h 59 min, down 1 min</title>');
    expect(html).toContain("down from 2026-03-01 03:00");
  });

  it("time before the monitor existed is drawn as not monitored", () => {
    const late = statusSegments({ flips: [], before: "up", from: FROM, to: NOW, since: NOW - 6 * H });
    const bars = timelineBars({ ...props, segments: late });
    expect(bars.map((b) => b.status)).toEqual([null, "up"]);
    expect(timelineSummary([])).toBe("no status yet");
  });
});

describe("run durations", () => {
  const entries = [
    { at: NOW - 1000, kind: "success", durationMs: 42_000 },
    { at: NOW - 2000, kind: "start", durationMs: null },
    { at: NOW - 3000, kind: "fail", durationMs: 90_000 },
    { at: NOW - 4000, kind: "success", durationMs: 30_000 },
  ];

  it("timed runs are the entries that ended a run, oldest first", () => {
    expect(timedRuns(entries).map((r) => r.durationMs)).toEqual([30_000, 90_000, 42_000]);
  });

  it("the summary gives the median, the longest and the failures", () => {
    expect(durationSummary(timedRuns(entries), "UTC")).toBe("3 runs: median 42 s, longest 1 min 30 s (2026-03-01 23:59), 1 failed");
    expect(durationSummary([], "UTC")).toMatch(/^No timed runs yet/);
  });

  it("the chart has one bar per run, the failed one marked by class and title", async () => {
    const html = await render(DurationChart({ runs: timedRuns(entries), timeZone: "UTC" }));
    expect(html.match(/<rect /g)).toHaveLength(3);
    expect(html).toContain('class="bar bar-fail"');
    expect(html).toContain("1 min 30 s (failed)");
  });
});

describe("time words", () => {
  it("instants, spans and ago", () => {
    expect(formatInstant(NOW, "Europe/Berlin")).toBe("2026-03-02 01:00");
    expect(formatSpan(3 * 86_400_000 + 2 * H + 5000)).toBe("3 d 2 h");
    expect(ago(NOW - 3 * H - 10, NOW)).toBe("3 hours ago");
    expect(ago(NOW - 2 * 60_000, NOW)).toBe("2 min ago");
    expect(ago(NOW - 5000, NOW)).toBe("just now");
  });
});
