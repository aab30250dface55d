import { describe, expect, it } from "vitest";
import { activeWindow, type MaintenanceWindow, nextWindowChange, validateWindow } from "../../src/domain/maintenance";
import { iso } from "../../src/time";

const t = (isoString: string) => Date.parse(isoString);
const once = (startsAt: string, endsAt: string): MaintenanceWindow => ({ kind: "once", startsAt: t(startsAt), endsAt: t(endsAt) });
const recurring = (cron: string, timezone: string, duration: number): MaintenanceWindow => ({
  kind: "recurring",
  cron,
  timezone,
  duration,
});

const MORNING = once("2026-01-10T10:00:00Z", "2026-01-10T11:00:00Z");
// 02:00-03:00 local time every night.
const NIGHTLY_BERLIN = recurring("0 2 * * *", "Europe/Berlin", 3600);
// 23:00-01:00 UTC: an occurrence that began yesterday is still running after midnight.
const ACROSS_MIDNIGHT = recurring("0 23 * * *", "UTC", 7200);
const BACKUP_BERLIN = recurring("30 2 * * *", "Europe/Berlin", 3600);

describe("activeWindow", () => {
  it.each([
    { name: "no windows", windows: [], now: "2026-01-10T10:30:00Z", end: null },
    { name: "before a one-off window", windows: [MORNING], now: "2026-01-10T09:59:59Z", end: null },
    { name: "at its start", windows: [MORNING], now: "2026-01-10T10:00:00Z", end: "2026-01-10T11:00:00Z" },
    { name: "inside it", windows: [MORNING], now: "2026-01-10T10:59:59Z", end: "2026-01-10T11:00:00Z" },
    { name: "at its end (half-open)", windows: [MORNING], now: "2026-01-10T11:00:00Z", end: null },
    { name: "recurring, before tonight's", windows: [NIGHTLY_BERLIN], now: "2026-01-10T00:59:59Z", end: null },
    { name: "recurring, at its start (02:00 CET)", windows: [NIGHTLY_BERLIN], now: "2026-01-10T01:00:00Z", end: "2026-01-10T02:00:00Z" },
    { name: "recurring, inside (02:30 CET)", windows: [NIGHTLY_BERLIN], now: "2026-01-10T01:30:00Z", end: "2026-01-10T02:00:00Z" },
    { name: "recurring, at its end", windows: [NIGHTLY_BERLIN], now: "2026-01-10T02:00:00Z", end: null },
    { name: "recurring in summer time (02:00 CEST)", windows: [NIGHTLY_BERLIN], now: "2026-07-10T00:30:00Z", end: "2026-07-10T01:00:00Z" },
    { name: "begun yesterday, looked back", windows: [ACROSS_MIDNIGHT], now: "2026-01-11T00:30:00Z", end: "2026-01-11T01:00:00Z" },
    { name: "begun yesterday, over", windows: [ACROSS_MIDNIGHT], now: "2026-01-11T01:00:00Z", end: null },
    {
      name: "Berlin spring: 02:30 window opens at 03:00 CEST",
      windows: [BACKUP_BERLIN],
      now: "2026-03-29T01:15:00Z",
      end: "2026-03-29T02:00:00Z",
    },
    { name: "Berlin spring: not before the gap", windows: [BACKUP_BERLIN], now: "2026-03-29T00:59:00Z", end: null },
    { name: "Berlin fall: once, from the first 02:30", windows: [BACKUP_BERLIN], now: "2026-10-25T01:15:00Z", end: "2026-10-25T01:30:00Z" },
    { name: "Berlin fall: not again at the second 02:30", windows: [BACKUP_BERLIN], now: "2026-10-25T01:45:00Z", end: null },
    {
      name: "overlapping one-offs merge",
      windows: [MORNING, once("2026-01-10T10:30:00Z", "2026-01-10T12:00:00Z")],
      now: "2026-01-10T10:15:00Z",
      end: "2026-01-10T12:00:00Z",
    },
    {
      name: "back-to-back one-offs merge",
      windows: [once("2026-01-10T11:00:00Z", "2026-01-10T12:00:00Z"), MORNING],
      now: "2026-01-10T10:15:00Z",
      end: "2026-01-10T12:00:00Z",
    },
    {
      name: "a one-off extends a recurring window",
      windows: [NIGHTLY_BERLIN, once("2026-01-10T01:45:00Z", "2026-01-10T04:00:00Z")],
      now: "2026-01-10T01:10:00Z",
      end: "2026-01-10T04:00:00Z",
    },
    {
      name: "disjoint windows do not merge",
      windows: [MORNING, once("2026-01-10T11:00:01Z", "2026-01-10T12:00:00Z")],
      now: "2026-01-10T10:15:00Z",
      end: "2026-01-10T11:00:00Z",
    },
  ])("$name", ({ windows, now, end }) => {
    expect(iso(activeWindow(windows, t(now)))).toBe(end === null ? null : iso(t(end)));
  });

  it("follows a self-overlapping recurring window only so far", () => {
    const now = t("2026-01-10T10:30:00Z");
    const end = activeWindow([recurring("0 * * * *", "UTC", 5400)], now);
    expect(end).toBeGreaterThan(now + 99 * 3600_000);
    expect(end).toBeLessThan(now + 103 * 3600_000);
  });
});

describe("nextWindowChange", () => {
  it.each([
    { name: "no windows", windows: [], now: "2026-01-10T10:30:00Z", next: null },
    { name: "before a one-off: its start", windows: [MORNING], now: "2026-01-10T09:00:00Z", next: "2026-01-10T10:00:00Z" },
    { name: "at its start: its end", windows: [MORNING], now: "2026-01-10T10:00:00Z", next: "2026-01-10T11:00:00Z" },
    { name: "inside: its end", windows: [MORNING], now: "2026-01-10T10:30:00Z", next: "2026-01-10T11:00:00Z" },
    { name: "after it: nothing", windows: [MORNING], now: "2026-01-10T11:00:00Z", next: null },
    { name: "recurring, outside: next start", windows: [NIGHTLY_BERLIN], now: "2026-01-10T12:00:00Z", next: "2026-01-11T01:00:00Z" },
    { name: "recurring, inside: its end", windows: [NIGHTLY_BERLIN], now: "2026-01-10T01:30:00Z", next: "2026-01-10T02:00:00Z" },
    { name: "recurring, at its end: next start", windows: [NIGHTLY_BERLIN], now: "2026-01-10T02:00:00Z", next: "2026-01-11T01:00:00Z" },
    { name: "begun yesterday: its end", windows: [ACROSS_MIDNIGHT], now: "2026-01-11T00:30:00Z", next: "2026-01-11T01:00:00Z" },
    { name: "Berlin spring: start at 03:00 CEST", windows: [BACKUP_BERLIN], now: "2026-03-28T12:00:00Z", next: "2026-03-29T01:00:00Z" },
    {
      name: "Berlin fall: after the first pass, tomorrow",
      windows: [BACKUP_BERLIN],
      now: "2026-10-25T01:30:00Z",
      next: "2026-10-26T01:30:00Z",
    },
    { name: "earliest of several", windows: [NIGHTLY_BERLIN, MORNING], now: "2026-01-10T03:00:00Z", next: "2026-01-10T10:00:00Z" },
    {
      name: "an inner end inside a merged period",
      windows: [MORNING, once("2026-01-10T10:30:00Z", "2026-01-10T12:00:00Z")],
      now: "2026-01-10T10:45:00Z",
      next: "2026-01-10T11:00:00Z",
    },
  ])("$name", ({ windows, now, next }) => {
    expect(iso(nextWindowChange(windows, t(now)))).toBe(next === null ? null : iso(t(next)));
  });
});

describe("validateWindow", () => {
  it.each([
    { name: "one-off", window: MORNING, error: null },
    { name: "recurring", window: NIGHTLY_BERLIN, error: null },
    { name: "one-off ending at its start", window: once("2026-01-10T10:00:00Z", "2026-01-10T10:00:00Z"), error: { field: "ends_at" } },
    { name: "bad cron", window: recurring("0 0 * * * *", "UTC", 60), error: { field: "cron" } },
    { name: "bad time zone", window: recurring("0 2 * * *", "Mars/Olympus", 60), error: { field: "timezone" } },
    { name: "zero duration", window: recurring("0 2 * * *", "UTC", 0), error: { field: "duration" } },
    { name: "fractional duration", window: recurring("0 2 * * *", "UTC", 1.5), error: { field: "duration" } },
  ])("$name", ({ window, error }) => {
    const result = validateWindow(window);
    expect(result === null ? null : { field: result.field }).toEqual(error);
  });
});
