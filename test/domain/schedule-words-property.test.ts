import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextOccurrences, validateCron } from "../../src/domain/schedule";
import { cronWords } from "../../src/domain/schedule-words";

// Never a wrong sentence: for random expressions, what the words claim is checked against the times the
// server's own schedule code expects (UTC, so the words' clock times are the ISO times').
const NOW = Date.parse("2026-12-05T12:00:00Z");
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MINUTE = 60_000;

const field = (max: number) =>
  fc.oneof(
    fc.constant("*"),
    fc.integer({ min: 0, max }).map(String),
    fc.integer({ min: 2, max: Math.min(max, 25) }).map((step) => `*/${step}`),
    fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.uniqueArray(fc.integer({ min: 0, max }), { minLength: 2, maxLength: 4 }).map((values) => values.join(",")),
  );
const weekdays = fc.constantFrom("*", "1-5", "0", "6,0", "MON-FRI", "5-7", "1,3,5");
const expression = fc.tuple(field(59), field(23), weekdays).map(([minute, hour, dow]) => `${minute} ${hour} * * ${dow}`);

const clock = (at: number) => new Date(at).toISOString().slice(11, 16);
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const gapsOf = (times: number[]) => times.slice(1).map((at, i) => (at - (times[i] ?? at)) / MINUTE);

/** The weekdays a day clause names ("Monday to Friday", "Saturday and Sunday"). */
function namedDays(clause: string): Set<number> {
  const range = /^(\w+) to (\w+)$/.exec(clause);
  if (!range) return new Set(clause.split(/, | and /).map((day) => DAYS.indexOf(day)));
  const days = new Set<number>();
  for (let day = DAYS.indexOf(range[1] ?? ""); ; day = (day + 1) % 7) {
    days.add(day);
    if (day === DAYS.indexOf(range[2] ?? "") || days.size === 7) return days;
  }
}

/** Checks the time-of-day claim of `time` against `times`, all on days the schedule runs. */
function checkTime(time: string, times: number[]): void {
  const clocks = times.map(clock);
  const every = /^every (\d+ )?minutes?$/.exec(time);
  if (every) return void expect(new Set(gapsOf(times))).toEqual(new Set([Number(every[1] ?? 1)]));
  const listed = /^(?:every day )?at (\d\d:\d\d(?:(?:, | and )\d\d:\d\d)*)$/.exec(time);
  if (listed) return void expect(new Set(clocks)).toEqual(new Set(listed[1]?.split(/, | and /)));
  const minutes = /^at minutes? ([\d, and]+) of every hour$/.exec(time) ?? (time === "every hour, on the hour" ? [time, "0"] : null);
  if (minutes)
    return void expect(new Set(clocks.map((c) => Number(c.slice(3))))).toEqual(new Set(minutes[1]?.split(/, | and /).map(Number)));
  const span = /^every (minute|\d+ minutes|hour|\d+ hours) from (\d\d:\d\d) to (\d\d:\d\d)$/.exec(time);
  if (!span) throw new Error(`a claim this test cannot check: "${time}"`);
  const step =
    span[1] === "minute" ? 1 : span[1] === "hour" ? 60 : Number.parseInt(span[1] ?? "", 10) * (span[1]?.endsWith("hours") ? 60 : 1);
  const [from, to] = [minutesOf(span[2] ?? ""), minutesOf(span[3] ?? "")];
  expect(clocks.every((c) => minutesOf(c) >= from && minutesOf(c) <= to)).toBe(true);
  // Within a day the times are `step` apart; across days they restart at `from`.
  for (const [i, gap] of gapsOf(times).entries()) if (clocks[i + 1] !== span[2]) expect(gap).toBe(step);
}

describe("cronWords says nothing the schedule does not do", () => {
  it("for random minute, hour and weekday fields", () => {
    fc.assert(
      fc.property(expression, (expr) => {
        fc.pre(validateCron(expr) === null);
        const words = cronWords(expr, "UTC");
        if (words === expr) return; // said as itself: nothing claimed
        const match = /^(.*?)(?: on ((?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day.*?))?(?: \(UTC\))?$/.exec(words);
        const [time = "", dayClause] = [match?.[1], match?.[2]];
        const times = nextOccurrences({ kind: "cron", cron: expr, timezone: "UTC" }, NOW, 40);
        if (dayClause)
          expect([...new Set(times.map((at) => new Date(at).getUTCDay()))].every((d) => namedDays(dayClause).has(d))).toBe(true);
        else expect(expr.endsWith("* * *")).toBe(true);
        checkTime(time, times);
      }),
      { numRuns: 400, seed: 18 },
    );
  });
});
