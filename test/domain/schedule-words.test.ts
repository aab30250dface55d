import { describe, expect, it } from "vitest";
import { nextOccurrences, type Schedule } from "../../src/domain/schedule";
import { previewSchedule, wallClock } from "../../src/domain/schedule-preview";
import { type ScheduleWarningCode, scheduleWarnings } from "../../src/domain/schedule-warnings";
import { cronWords, intervalWords, scheduleWords } from "../../src/domain/schedule-words";

const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";
const NOW = Date.parse("2026-12-05T12:00:00Z"); // a Saturday
const cron = (expr: string, timezone = "UTC"): Schedule => ({ kind: "cron", cron: expr, timezone });
const every = (interval: number): Schedule => ({ kind: "interval", interval });
const codes = (schedule: Schedule, grace: number | null = null): ScheduleWarningCode[] =>
  scheduleWarnings(schedule, grace, NOW).map((w) => w.code);
const weekdayIn = (at: number, timeZone: string) => new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long" }).format(at);

describe("cronWords: a cron expression in words, as croner reads it", () => {
  const rows: [expr: string, words: string][] = [
    ["*/5 * * * *", "every 5 minutes"],
    ["* * * * *", "every minute"],
    ["30 2 * * *", "every day at 02:30 (Europe/Berlin)"],
    ["15 * * * *", "at minute 15 of every hour (Europe/Berlin)"],
    ["0 * * * *", "every hour, on the hour (Europe/Berlin)"],
    ["@hourly", "every hour, on the hour (Europe/Berlin)"],
    ["@daily", "every day at 00:00 (Europe/Berlin)"],
    ["0 9,17 * * *", "every day at 09:00 and 17:00 (Europe/Berlin)"],
    ["0 */6 * * *", "every day at 00:00, 06:00, 12:00 and 18:00 (Europe/Berlin)"],
    ["0 */2 * * *", "every 2 hours from 00:00 to 22:00 (Europe/Berlin)"],
    ["* 9 * * *", "every minute from 09:00 to 09:59 (Europe/Berlin)"],
    ["*/15 9-17 * * 1-5", "every 15 minutes from 09:00 to 17:45 on Monday to Friday (Europe/Berlin)"],
    ["30 9-17 * * *", "every hour from 09:30 to 17:30 (Europe/Berlin)"],
    ["5-59/15 * * * *", "at minutes 5, 20, 35 and 50 of every hour (Europe/Berlin)"],
    ["*/7 * * * *", "at minutes 0, 7, 14, 21, 28, 35, 42, 49 and 56 of every hour (Europe/Berlin)"],
    ["0 8 * * MON-FRI", "at 08:00 on Monday to Friday (Europe/Berlin)"],
    ["0 8 * * 6,0", "at 08:00 on Saturday and Sunday (Europe/Berlin)"],
    ["0 0 * * 5,6,0,1", "at 00:00 on Friday to Monday (Europe/Berlin)"],
    ["0 0 * * 1,3,5", "at 00:00 on Monday, Wednesday and Friday (Europe/Berlin)"],
    ["@weekly", "at 00:00 on Sunday (Europe/Berlin)"],
    ["0 3 1 * *", "at 03:00 on day 1 of the month (Europe/Berlin)"],
    ["0 3 1,15 * *", "at 03:00 on days 1 and 15 of the month (Europe/Berlin)"],
    ["0 3 1-7 * *", "at 03:00 on days 1 to 7 of the month (Europe/Berlin)"],
    ["0 3 L * *", "at 03:00 on the last day of the month (Europe/Berlin)"],
    ["0 0 1 * 1", "at 00:00 on day 1 of the month or on Monday (Europe/Berlin)"],
    ["0 12 * JAN,jul MON", "at 12:00 on Monday in January and July (Europe/Berlin)"],
    ["0 0 * 3-5 *", "every day at 00:00 in March to May (Europe/Berlin)"],
    ["@yearly", "at 00:00 on day 1 of the month in January (Europe/Berlin)"],
  ];
  it.each(rows)("%s → %s", (expr, words) => {
    expect(cronWords(expr, BERLIN)).toBe(words);
  });

  it("falls back to the expression itself for what it cannot say exactly", () => {
    for (const expr of [
      "0 0 * * 5#2",
      "0 0 * * 5L",
      "0 0 15W * *",
      "0 0 */2 * *",
      "1,2,3,4,5,6,7,8,9,10,11,12,13 * * * *",
      " 0 0 1,L * * ",
    ]) {
      expect(cronWords(expr, BERLIN)).toBe(expr.trim());
    }
  });

  it("says Sunday for both 0 and 7, as croner runs both on Sundays", () => {
    expect(cronWords("0 0 * * 7", BERLIN)).toBe(cronWords("0 0 * * 0", BERLIN));
    const times = nextOccurrences(cron("0 0 * * 7", BERLIN), NOW, 3);
    expect(times.map((at) => weekdayIn(at, BERLIN))).toEqual(["Sunday", "Sunday", "Sunday"]);
    expect(codes(cron("0 0 * * 7", BERLIN))).toEqual([]);
  });

  it("what the words promise is what the schedule does", () => {
    const gaps = (expr: string) => {
      const times = nextOccurrences(cron(expr, BERLIN), NOW, 10);
      return new Set(times.slice(1).map((at, i) => at - (times[i] ?? 0)));
    };
    expect(gaps("*/5 * * * *")).toEqual(new Set([5 * 60_000]));
    const local = nextOccurrences(cron("30 2 * * *", BERLIN), NOW, 6).map((at) => wallClock(at, BERLIN));
    expect(local.every((text) => text.endsWith(", 02:30 GMT+1"))).toBe(true);
  });
});

describe("intervalWords / scheduleWords", () => {
  it("says an interval in one exact unit", () => {
    expect([10, 60, 90, 300, 3600, 5400, 86_400, 90_000].map(intervalWords)).toEqual([
      "every 10 seconds",
      "every minute",
      "every 90 seconds",
      "every 5 minutes",
      "every hour",
      "every 90 minutes",
      "every day",
      "every 25 hours",
    ]);
    expect(scheduleWords(every(300))).toBe("every 5 minutes");
    expect(scheduleWords(cron("30 2 * * *", BERLIN))).toBe("every day at 02:30 (Europe/Berlin)");
  });
});

describe("scheduleWarnings: what people misread", () => {
  it("`* 9 * * *` runs every minute from 09:00 to 09:59, and says how to run once", () => {
    const [first] = scheduleWarnings(cron("* 9 * * *"), null, NOW);
    expect(first?.code).toBe("every_minute_of_hour");
    expect(first?.message).toContain("60 times from 09:00 to 09:59");
    expect(first?.message).toContain('"0 9 * * *"');
    expect(codes(cron("0 9 * * *"))).toEqual([]);
    expect(codes(cron("* * * * *"))).toEqual([]);
  });

  it("day of month and day of week both restricted: either matches", () => {
    expect(codes(cron("0 0 1 * 1"))).toEqual(["day_of_month_or_week"]);
    // croner runs it on Mondays that are not the 1st too: the warning is true.
    const days = nextOccurrences(cron("0 0 1 * 1"), NOW, 2).map((at) => new Date(at).toISOString().slice(0, 10));
    expect(days).toEqual(["2026-12-07", "2026-12-14"]);
    expect(codes(cron("0 0 1 * *"))).toEqual([]);
    expect(codes(cron("0 0 * * 1"))).toEqual([]);
  });

  it("a step that does not divide the hour or the day restarts early", () => {
    expect(scheduleWarnings(cron("*/7 * * * *"), null, NOW)[0]?.message).toContain("minute 0 again only 4 minutes later");
    expect(scheduleWarnings(cron("0 */5 * * *"), null, NOW)[0]?.message).toContain("hour 20 is followed by hour 0 only 4 hours later");
    expect(codes(cron("*/15 * * * *"))).toEqual([]);
    expect(codes(cron("0 */6 * * *"))).toEqual([]);
    expect(codes(cron("0-30/10 * * * *"))).toEqual([]);
  });

  it("days 29 to 31 skip the months without them", () => {
    expect(codes(cron("0 0 31 * *"))).toEqual(["missing_days"]);
    expect(codes(cron("0 0 30 * *"))).toEqual(["missing_days"]);
    expect(codes(cron("0 0 L * *"))).toEqual([]);
    expect(codes(cron("0 0 28 * *"))).toEqual([]);
  });

  it("a grace longer than the time between pings alerts late; equal or shorter does not warn", () => {
    const [warning] = scheduleWarnings(cron("*/5 * * * *"), 3600, NOW);
    expect(warning?.code).toBe("grace_longer_than_period");
    expect(warning?.message).toContain("the grace (1 hour) is longer than the time between expected pings (5 minutes)");
    expect(codes(cron("*/5 * * * *"), 300)).toEqual([]);
    expect(codes(every(600), 3600)).toEqual(["grace_longer_than_period"]);
    expect(codes(every(3600), 3600)).toEqual([]);
    // The shortest gap counts: a day at 09:00 and 09:30 is 30 minutes apart at best.
    expect(codes(cron("0,30 9 * * *"), 3600)).toEqual(["grace_longer_than_period"]);
    expect(codes(cron("*/5 * * * *"), null)).toEqual([]);
  });

  it("an interval under a minute is flagged", () => {
    expect(codes(every(10), 0)).toEqual(["short_interval"]);
    expect(codes(every(60), 0)).toEqual([]);
  });
});

describe("previewSchedule: words, warnings and the next six times in both zones", () => {
  it("a Berlin cron seen from New York", () => {
    const preview = previewSchedule(cron("30 2 * * *", BERLIN), { now: NOW, grace: 600, viewerTimezone: NEW_YORK });
    expect(preview.words).toBe("every day at 02:30 (Europe/Berlin)");
    expect(preview.warnings).toEqual([]);
    expect(preview.next).toHaveLength(6);
    expect(preview.next[0]).toEqual({
      at: Date.parse("2026-12-06T01:30:00Z"),
      local: "Sun 6 Dec 2026, 02:30 GMT+1",
      viewer: "Sat 5 Dec 2026, 20:30 GMT-5",
    });
    expect(preview.next.map((t) => t.at)).toEqual(nextOccurrences(cron("30 2 * * *", BERLIN), NOW, 6));
  });

  it("follows the server's DST rule: 02:30 on the spring-forward day is expected at 03:00", () => {
    const beforeChange = Date.parse("2026-03-28T12:00:00Z");
    const preview = previewSchedule(cron("30 2 * * *", BERLIN), { now: beforeChange, grace: 0, viewerTimezone: null });
    expect(preview.next.slice(0, 2).map((t) => t.local)).toEqual(["Sun 29 Mar 2026, 03:00 GMT+2", "Mon 30 Mar 2026, 02:30 GMT+2"]);
    expect(preview.next[0]?.viewer).toBeNull();
  });

  it("an interval's times count from now, in UTC, and carry its warnings", () => {
    const preview = previewSchedule(every(30), { now: NOW, grace: 3600, viewerTimezone: BERLIN });
    expect(preview.timezone).toBe("UTC");
    expect(preview.next.map((t) => t.at)).toEqual([1, 2, 3, 4, 5, 6].map((n) => NOW + n * 30_000));
    expect(preview.next[0]?.viewer).toBe("Sat 5 Dec 2026, 13:00 GMT+1");
    expect(preview.warnings.map((w) => w.code)).toEqual(["short_interval", "grace_longer_than_period"]);
  });
});
