import { describe, expect, it } from "vitest";
import {
  deadlineAfterMiss,
  deadlineAfterPing,
  defaultMaxRuntime,
  nextOccurrence,
  nextOccurrences,
  runDeadline,
  type Schedule,
  validateCron,
  validateTimezone,
} from "../../src/domain/schedule";
import { iso } from "../../src/time";

// All cases are in 2026: "03-29T01:00" is 2026-03-29T01:00Z.
const at = (utc: string) => Date.parse(`2026-${utc}Z`);
const every = (interval: number): Schedule => ({ kind: "interval", interval });
type CronSchedule = Extract<Schedule, { kind: "cron" }>;
const cron = (expr: string, timezone = "UTC"): CronSchedule => ({ kind: "cron", cron: expr, timezone });
const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";
const DAILY_0230_BERLIN = cron("30 2 * * *", BERLIN);
const DAILY_0230_NEW_YORK = cron("30 2 * * *", NEW_YORK);
const DAILY_0130_NEW_YORK = cron("30 1 * * *", NEW_YORK);

// Local wall-clock time ("2026-03-29 03:00"), to state DST expectations the way a user reads them.
const local = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "short" }).format(new Date(ms));

describe("deadlineAfterPing: when the next ping is due (grace 0)", () => {
  const rows: [name: string, schedule: Schedule, ping: string, earlyTolerance: number, late: string][] = [
    ["interval restarts at the ping", every(60), "01-01T00:00:00", 0, "01-01T00:01"],
    ["interval ignores early tolerance", every(3600), "01-01T00:00:00", 300, "01-01T01:00"],
    ["UTC daily, ping just after the run", cron("30 2 * * *"), "01-10T02:30:05", 0, "01-11T02:30"],
    ["UTC daily, ping exactly at the run", cron("30 2 * * *"), "01-10T02:30:00", 0, "01-11T02:30"],
    ["UTC daily, early ping without tolerance", cron("30 2 * * *"), "01-10T02:29:00", 0, "01-10T02:30"],
    ["UTC daily, early ping within tolerance", cron("30 2 * * *"), "01-10T02:29:00", 120, "01-11T02:30"],
    ["UTC daily, early ping exactly at tolerance", cron("30 2 * * *"), "01-10T02:29:00", 60, "01-11T02:30"],
    ["UTC daily, early ping 1 s beyond tolerance", cron("30 2 * * *"), "01-10T02:28:59", 60, "01-10T02:30"],
    ["@hourly", cron("@hourly"), "01-10T10:00:30", 0, "01-10T11:00"],
    ["@daily", cron("@daily"), "01-10T00:00:10", 0, "01-11T00:00"],
    ["*/15 just before a slot", cron("*/15 * * * *"), "01-10T10:14:59", 0, "01-10T10:15"],
    ["*/15 at a slot", cron("*/15 * * * *"), "01-10T10:15:00", 0, "01-10T10:30"],
    ["*/15 with tolerance", cron("*/15 * * * *"), "01-10T10:14:30", 30, "01-10T10:30"],
    ["weekdays: Friday → Monday", cron("0 9 * * 1-5"), "01-09T09:00:20", 0, "01-12T09:00"],
    ["weekdays: Monday → Tuesday", cron("0 9 * * 1-5"), "01-12T09:00:20", 0, "01-13T09:00"],
    ["weekdays in Berlin winter (CET)", cron("0 9 * * 1-5", BERLIN), "01-09T08:00:20", 0, "01-12T08:00"],
    // Berlin springs forward on 29 Mar: 02:00 CET → 03:00 CEST, 02:30 does not exist and is expected at 03:00.
    ["Berlin spring: day before → 03:00 CEST", DAILY_0230_BERLIN, "03-28T01:30:05", 0, "03-29T01:00"],
    ["Berlin spring: gap day → 02:30 CEST", DAILY_0230_BERLIN, "03-29T01:00:05", 0, "03-30T00:30"],
    ["Berlin spring: early ping just before the gap", DAILY_0230_BERLIN, "03-29T00:59:30", 60, "03-30T00:30"],
    ["Berlin spring: @hourly skips the missing hour", cron("@hourly", BERLIN), "03-29T00:00:10", 0, "03-29T01:00"],
    ["Berlin spring: @daily is 23 h later", cron("@daily", BERLIN), "03-28T23:00:05", 0, "03-29T22:00"],
    // Berlin falls back on 25 Oct: 03:00 CEST → 02:00 CET, 02:30 happens twice and is expected once, the first time.
    ["Berlin fall: day before → first 02:30", DAILY_0230_BERLIN, "10-24T00:30:05", 0, "10-25T00:30"],
    ["Berlin fall: not expected at the second 02:30", DAILY_0230_BERLIN, "10-25T00:30:05", 0, "10-26T01:30"],
    ["Berlin fall: a list job is expected once", cron("30 2,14 * * *", BERLIN), "10-25T00:30:05", 0, "10-25T13:30"],
    ["Berlin fall: */15 runs through both passes", cron("*/15 * * * *", BERLIN), "10-25T00:50:00", 0, "10-25T01:00"],
    ["Berlin fall: @hourly every real hour", cron("@hourly", BERLIN), "10-25T00:00:10", 0, "10-25T01:00"],
    // New York springs forward on 8 Mar (02:00 EST → 03:00 EDT) and falls back on 1 Nov (02:00 EDT → 01:00 EST).
    ["New York spring: day before → 03:00 EDT", DAILY_0230_NEW_YORK, "03-07T07:30:05", 0, "03-08T07:00"],
    ["New York spring: gap day → 02:30 EDT", DAILY_0230_NEW_YORK, "03-08T07:00:05", 0, "03-09T06:30"],
    ["New York fall: day before → first 01:30", DAILY_0130_NEW_YORK, "10-31T05:30:05", 0, "11-01T05:30"],
    ["New York fall: not expected at the second 01:30", DAILY_0130_NEW_YORK, "11-01T05:30:05", 0, "11-02T06:30"],
    ["New York fall: early ping within tolerance", DAILY_0130_NEW_YORK, "11-01T05:29:30", 60, "11-02T06:30"],
    ["New York fall: */15 runs through both passes", cron("*/15 * * * *", NEW_YORK), "11-01T05:50:00", 0, "11-01T06:00"],
    ["New York fall: weekdays, EDT → EST", cron("0 9 * * 1-5", NEW_YORK), "10-30T13:00:10", 0, "11-02T14:00"],
  ];
  it.each(rows)("%s", (_name, schedule, ping, earlyTolerance, late) => {
    const deadlines = deadlineAfterPing(schedule, at(ping), { grace: 0, earlyTolerance });
    expect({ late: iso(deadlines?.lateAt ?? null), down: iso(deadlines?.downAt ?? null) }).toEqual({
      late: iso(at(late)),
      down: iso(at(late)),
    });
  });

  it("is null for a schedule that never fires again", () => {
    expect(deadlineAfterPing(cron("0 0 30 2 *"), at("01-01T00:00:00"), { grace: 0, earlyTolerance: 0 })).toBeNull();
  });
});

describe("deadlineAfterPing and deadlineAfterMiss: grace", () => {
  const rows: [name: string, schedule: Schedule, from: string, grace: number, late: string, down: string][] = [
    ["interval", every(60), "01-01T00:00:00", 30, "01-01T00:01", "01-01T00:01:30"],
    ["UTC daily", cron("30 2 * * *"), "01-10T02:30:05", 600, "01-11T02:30", "01-11T02:40"],
    ["Berlin spring", DAILY_0230_BERLIN, "03-28T01:30:05", 600, "03-29T01:00", "03-29T01:10"],
    ["New York spring", DAILY_0230_NEW_YORK, "03-07T07:30:05", 900, "03-08T07:00", "03-08T07:15"],
  ];
  it.each(rows)("after a ping: %s", (_name, schedule, ping, grace, late, down) => {
    expect(deadlineAfterPing(schedule, at(ping), { grace, earlyTolerance: 0 })).toEqual({ lateAt: at(late), downAt: at(down) });
  });

  // After a miss the next expected ping is the occurrence after the missed one.
  it.each([
    ["interval", every(60), "01-01T00:01:00", 30, "01-01T00:02", "01-01T00:02:30"],
    ["Berlin spring", DAILY_0230_BERLIN, "03-28T01:30:00", 60, "03-29T01:00", "03-29T01:01"],
    ["New York fall", DAILY_0130_NEW_YORK, "11-01T05:30:00", 0, "11-02T06:30", "11-02T06:30"],
  ] satisfies typeof rows)("after a miss: %s", (_name, schedule, missedLateAt, grace, late, down) => {
    expect(deadlineAfterMiss(schedule, at(missedLateAt), grace)).toEqual({ lateAt: at(late), downAt: at(down) });
  });
});

describe("a daily job across DST changes is expected once per local day", () => {
  it.each([
    ["Berlin spring", DAILY_0230_BERLIN, "03-27T12:00", ["03-28 02:30", "03-29 03:00", "03-30 02:30", "03-31 02:30"]],
    ["Berlin fall", DAILY_0230_BERLIN, "10-23T12:00", ["10-24 02:30", "10-25 02:30", "10-26 02:30", "10-27 02:30"]],
    ["New York spring", DAILY_0230_NEW_YORK, "03-06T12:00", ["03-07 02:30", "03-08 03:00", "03-09 02:30", "03-10 02:30"]],
    ["New York fall", DAILY_0130_NEW_YORK, "10-30T12:00", ["10-31 01:30", "11-01 01:30", "11-02 01:30", "11-03 01:30"]],
    ["UTC", cron("30 2 * * *"), "03-27T12:00", ["03-28 02:30", "03-29 02:30", "03-30 02:30", "03-31 02:30"]],
  ] satisfies [string, CronSchedule, string, string[]][])("%s", (_name, schedule, from, times) => {
    const runs = nextOccurrences(schedule, at(from), times.length);
    expect(runs.map((run) => local(run, schedule.timezone).slice(5))).toEqual(times);
    // A job that pings at each run (plus a few seconds) is never late: each deadline is the next run.
    const deadlines = runs.slice(0, -1).map((run) => deadlineAfterPing(schedule, run + 5000, { grace: 0, earlyTolerance: 0 })?.lateAt);
    expect(deadlines).toEqual(runs.slice(1));
  });
});

describe("nextOccurrences (and nextOccurrence, the first of them)", () => {
  it.each([
    ["interval", every(90), "01-01T00:00:00", 3, ["01-01T00:01:30", "01-01T00:03", "01-01T00:04:30"]],
    ["none asked", every(90), "01-01T00:00:00", 0, []],
    [
      "weekdays from a Friday",
      cron("0 9 * * 1-5"),
      "01-09T10:00:00",
      5,
      ["01-12T09:00", "01-13T09:00", "01-14T09:00", "01-15T09:00", "01-16T09:00"],
    ],
    ["*/15 strictly after a slot", cron("*/15 * * * *"), "01-01T00:15:00", 2, ["01-01T00:30", "01-01T00:45"]],
    ["1 ms before a slot", cron("*/15 * * * *"), "01-01T00:14:59.999", 1, ["01-01T00:15"]],
    ["1 ms after a slot", cron("*/15 * * * *"), "01-01T00:15:00.001", 1, ["01-01T00:30"]],
    ["@monthly in New York", cron("@monthly", NEW_YORK), "01-15T00:00:00", 2, ["02-01T05:00", "03-01T05:00"]],
  ] satisfies [string, Schedule, string, number, string[]][])("%s", (_name, schedule, after, n, want) => {
    expect(nextOccurrences(schedule, at(after), n)).toEqual(want.map(at));
    expect(nextOccurrence(schedule, at(after))).toBe(nextOccurrences(schedule, at(after), 1)[0]);
  });
});

describe("runs started with /start", () => {
  it.each([
    [300, 300],
    [0, 3600],
  ])("with grace %i the default max_runtime is %i s", (grace, want) => {
    expect(defaultMaxRuntime(grace)).toBe(want);
  });

  it.each([
    ["01-01T00:00:00", 600, "01-01T00:10"],
    ["01-01T23:30:00", 3600, "01-02T00:30"],
  ] satisfies [string, number, string][])("started %s with max_runtime %i s, it times out at %s", (start, maxRuntime, want) => {
    expect(runDeadline(at(start), maxRuntime)).toBe(at(want));
  });
});

describe("validateCron", () => {
  const valid = ["* * * * *", "*/15 * * * *", "0 9 * * 1-5", "0 12 * * MON-FRI", "0 0 L * *", "  0 9 * * 1  "];
  const nicknames = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly", "@DAILY"];
  it.each([...valid, ...nicknames])("accepts %j", (expr) => {
    expect(validateCron(expr)).toBeNull();
  });

  it.each([
    ["0 0 * * * *", /seconds are not supported/],
    ["0 0 0 * * * 2030", /seconds are not supported/],
    ["* * * *", /must have 5 fields/],
    ["", /must have 5 fields/],
    ["@reboot", /unknown nickname/],
    ["@every_minute", /unknown nickname/],
    ["2030-01-23T00:00:00", /must have 5 fields/],
    ["0:0 * * * 1", /not a date/],
    ["61 * * * *", /^a value is out of range: minute must be 0-59$/],
    ["0 24 * * *", /^a value is out of range: hour must be 0-23$/],
    ["0 0 * * 8", /^a value is out of range: day of week must be 0-7$/],
    // croner's own messages are off by one here ("month: 12", "day: -1"): the range is said instead.
    ["0 0 1 13 *", /^a value is out of range: month must be 1-12$/],
    ["0 0 0 1 *", /^a value is out of range: day of month must be 1-31$/],
    ["0 0 32 * *", /^a value is out of range: day of month must be 1-31$/],
    ["*/0 * * * *", /stepping/],
    ["abc * * * *", /illegal characters/],
    ["0 0 30 2 *", /never matches/],
  ] satisfies [string, RegExp][])("rejects %j", (expr, error) => {
    expect(validateCron(expr)).toMatch(error);
  });
});

describe("validateTimezone", () => {
  it.each(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Etc/GMT+5", "US/Eastern"])(
    "accepts %s",
    (tz) => {
      expect(validateTimezone(tz)).toBeNull();
    },
  );

  it.each(["", " ", "Mars/Olympus", "Europe/Berln", "+01:00", "-05:00", "Local", "UTC+1"])("rejects %j", (tz) => {
    expect(validateTimezone(tz)).toMatch(/unknown time zone/);
  });
});

describe("validateTimezone refuses abbreviations Intl would take", () => {
  // Intl reads "PST" as Los Angeles with daylight saving, "EST" as a fixed -05:00: neither is what most people mean.
  it.each([
    ["PST", "America/Los_Angeles"],
    ["EST", "America/New_York"],
    ["CET", "Europe/Berlin"],
    ["GMT", "Europe/London"],
  ])("refuses %s, naming an IANA zone to use (%s)", (tz, zone) => {
    expect(validateTimezone(tz)).toBe(
      `"${tz}" is not an IANA time zone name (abbreviations are ambiguous and hide daylight saving): use a name such as ${zone}, or UTC`,
    );
  });

  it("a legacy name without a slash is refused too, pointing to the Area/Location form", () => {
    expect(validateTimezone("Japan")).toMatch(/use its Area\/Location name \(such as Asia\/Tokyo/);
  });
});
