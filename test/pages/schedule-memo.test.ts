import { describe, expect, it } from "vitest";
import { nextExpectedTimes, type Schedule } from "../../src/domain/schedule";
import { scheduleWords } from "../../src/domain/schedule-words";
import { nextExpectedAt, scheduleWordsOf } from "../../src/pages/schedule-memo";

// The list works its schedule columns out once per distinct schedule; what it shows must be what the
// schedule code says for every row and every moment, the remembered next time never one already passed.

const M = 60_000;
const T0 = Date.parse("2026-03-28T23:50:00Z"); // the night Europe/Berlin moves to summer time
const cron = (expression: string, timezone = "UTC"): Schedule => ({ kind: "cron", cron: expression, timezone });
const SCHEDULES = [cron("*/15 * * * *"), cron("30 2 * * *", "Europe/Berlin"), cron("0 9 * * 1-5", "America/New_York"), cron("@hourly")];

const firstExpected = (schedule: Schedule, dueAt: number | null, now: number) => {
  const first = nextExpectedTimes(schedule, dueAt, now)[0];
  return first === undefined ? null : Date.parse(first);
};

describe("the list's schedule memo", () => {
  it("gives each cron schedule's next expected time as the schedule code does, minute by minute, also back in time", () => {
    const moments = [...Array.from({ length: 240 }, (_, i) => T0 + i * M), T0 - 60 * M, T0 + 5 * M];
    for (const now of moments) {
      for (const schedule of SCHEDULES)
        expect(nextExpectedAt(schedule, null, now), `${JSON.stringify(schedule)} at ${now}`).toBe(firstExpected(schedule, null, now));
    }
  });

  it("gives an interval monitor's due time, and none before its first ping", () => {
    const interval: Schedule = { kind: "interval", interval: 300 };
    expect(nextExpectedAt(interval, T0 + 5 * M, T0)).toBe(firstExpected(interval, T0 + 5 * M, T0));
    expect(nextExpectedAt(interval, null, T0)).toBeNull();
  });

  it("says each schedule in the schedule code's words", () => {
    for (const schedule of [...SCHEDULES, ...SCHEDULES, { kind: "interval" as const, interval: 90 }]) {
      expect(scheduleWordsOf(schedule)).toBe(scheduleWords(schedule));
    }
  });
});
