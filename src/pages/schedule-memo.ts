/**
 * The list's schedule columns, worked out once per distinct schedule. croner takes ~0.2 ms to parse an
 * expression and ~0.2 ms per next run, so a page of 100 cron monitors spent over 100 ms of CPU on them
 * (five next runs per row, one shown); monitors share few schedules. The results are the schedule code's
 * own (schedule.ts, schedule-words.ts), kept per isolate: words for good, a next time until it passes.
 */
import { nextOccurrence, type Schedule } from "../domain/schedule";
import { scheduleWords } from "../domain/schedule-words";

/** Distinct schedules remembered at most; past it the memo starts again (a bound, not an eviction policy). */
const MAX_SCHEDULES = 1000;

const words = new Map<string, string>();
/** A cron schedule's next time after `from`: still the next one for any instant in [from, next). */
const nextRuns = new Map<string, { from: number; next: number | null }>();

const keyOf = (cron: string, timezone: string) => `${timezone} ${cron}`;

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MAX_SCHEDULES) memo.clear();
  memo.set(key, value);
  return value;
}

/** scheduleWords, once per distinct cron expression and zone. */
export function scheduleWordsOf(schedule: Schedule): string {
  if (schedule.kind === "interval") return scheduleWords(schedule);
  const key = keyOf(schedule.cron, schedule.timezone);
  return words.get(key) ?? remember(words, key, scheduleWords(schedule));
}

/**
 * The first of nextExpectedTimes (schedule.ts), as epoch ms: an interval monitor's due time, a cron
 * monitor's next occurrence after `now` (null: none).
 */
export function nextExpectedAt(schedule: Schedule, dueAt: number | null, now: number): number | null {
  if (schedule.kind === "interval") return dueAt;
  const key = keyOf(schedule.cron, schedule.timezone);
  const known = nextRuns.get(key);
  if (known && known.from <= now && (known.next === null || now < known.next)) return known.next;
  return remember(nextRuns, key, { from: now, next: nextOccurrence(schedule, now) }).next;
}
