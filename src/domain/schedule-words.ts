/**
 * A monitor's schedule in words ("every 5 minutes", "every day at 02:30 (Europe/Berlin)"), for the list,
 * the details and the form's preview. Built from croner's own reading of the expression (cron-sets.ts),
 * and whatever the words cannot say exactly is shown as the expression itself: no sentence rather than a
 * wrong one. Pure.
 */
import { type CronSets, cronSets, isEvenCycle, type Shape, shapeOf } from "./cron-sets";
import type { Schedule } from "./schedule";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** Up to this many times a day are listed ("at 09:00 and 17:00"); more need a pattern ("every 2 hours from …"). */
const MAX_LISTED_TIMES = 6;
/** Up to this many minutes of the hour are listed ("at minutes 0, 7, … of every hour"). */
const MAX_LISTED_MINUTES = 12;

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const pad = (n: number) => String(n).padStart(2, "0");
const hhmm = (hour: number, minute: number) => `${pad(hour)}:${pad(minute)}`;
const plural = (n: number, unit: string) => (n === 1 ? unit : `${n} ${unit}s`);

/** An interval in one exact unit: 300 → "every 5 minutes", 5400 → "every 90 minutes", 86400 → "every day". */
export function intervalWords(seconds: number): string {
  for (const [unit, size] of [
    ["day", 86_400],
    ["hour", 3600],
    ["minute", 60],
  ] as const) {
    if (seconds % size === 0) return `every ${plural(seconds / size, unit)}`;
  }
  return `every ${plural(seconds, "second")}`;
}

interface TimePhrase {
  text: string;
  /** Several times an hour or a day ("every 15 minutes …"), rather than at listed times of the day. */
  repeating: boolean;
  /** True of "every N minutes": the same whatever the zone. */
  zoneFree: boolean;
}

const repeating = (text: string, zoneFree = false): TimePhrase => ({ text, repeating: true, zoneFree });

/** "every minute", "every 15 minutes": only a set that repeats evenly through the hour. */
function everyMinutes(minutes: Shape): string | null {
  if (minutes.kind === "all") return "every minute";
  return isEvenCycle(minutes, 60) ? `every ${minutes.step} minutes` : null;
}

function hourly(minuteValues: number[]): TimePhrase | null {
  const minutes = shapeOf(minuteValues, 0, 59);
  const every = everyMinutes(minutes);
  if (every && (minutes.kind === "all" || minuteValues[0] === 0)) return repeating(every, true);
  if (minutes.kind === "one")
    return repeating(minutes.value === 0 ? "every hour, on the hour" : `at minute ${minutes.value} of every hour`);
  if (minuteValues.length <= MAX_LISTED_MINUTES) return repeating(`at minutes ${listWords(minuteValues.map(String))} of every hour`);
  return null;
}

function timeOfDay(minuteValues: number[], hourValues: number[]): TimePhrase | null {
  const hours = shapeOf(hourValues, 0, 23);
  if (hours.kind === "all") return hourly(minuteValues);
  if (minuteValues.length * hourValues.length <= MAX_LISTED_TIMES) {
    const times = hourValues.flatMap((hour) => minuteValues.map((minute) => hhmm(hour, minute)));
    return { text: `at ${listWords(times)}`, repeating: false, zoneFree: false };
  }
  const minutes = shapeOf(minuteValues, 0, 59);
  const span = `from ${hhmm(hourValues[0] ?? 0, minuteValues[0] ?? 0)} to ${hhmm(hourValues.at(-1) ?? 0, minuteValues.at(-1) ?? 0)}`;
  const contiguous = hours.kind === "one" || hours.kind === "range";
  const every = everyMinutes(minutes);
  if (contiguous && every) return repeating(`${every} ${span}`);
  if (contiguous && minutes.kind === "one") return repeating(`every hour ${span}`);
  if (hours.kind === "step" && minutes.kind === "one") return repeating(`every ${hours.step} hours ${span}`);
  return null;
}

/** Days of the week, Monday first; three or more in a row (Friday to Monday too) as a range. */
function weekdayWords(weekdays: number[]): string | null {
  if (weekdays.length === 7) return null;
  const mondayFirst = [1, 2, 3, 4, 5, 6, 0];
  if (weekdays.length >= 3) {
    for (let start = 0; start < 7; start++) {
      const run = [...mondayFirst.slice(start), ...mondayFirst.slice(0, start)].slice(0, weekdays.length);
      if (run.every((day) => weekdays.includes(day))) return `${WEEKDAYS[run[0] ?? 0]} to ${WEEKDAYS[run.at(-1) ?? 0]}`;
    }
  }
  return listWords(mondayFirst.filter((day) => weekdays.includes(day)).map((day) => WEEKDAYS[day] ?? ""));
}

function monthDayWords(sets: CronSets): string | null {
  if (sets.lastDayOfMonth) return sets.days.length === 0 ? "the last day of the month" : null;
  const shape = shapeOf(sets.days, 1, 31);
  if (shape.kind === "all") return null;
  if (shape.kind === "one") return `day ${shape.value} of the month`;
  if (shape.kind === "range") return `days ${shape.from} to ${shape.to} of the month`;
  return sets.days.length <= MAX_LISTED_TIMES ? `days ${listWords(sets.days.map(String))} of the month` : null;
}

function monthWords(months: number[]): string | undefined {
  const shape = shapeOf(months, 1, 12);
  if (shape.kind === "all") return undefined;
  const names = months.map((month) => MONTHS[month - 1] ?? "");
  return shape.kind === "range" && months.length >= 3 ? `in ${names[0]} to ${names.at(-1)}` : `in ${listWords(names)}`;
}

/** Which days: undefined parts restrict nothing; null when the words cannot say it. */
function dayWords(sets: CronSets): { day?: string; month?: string } | null {
  if (sets.extended) return null;
  const monthDays = sets.starDays ? undefined : monthDayWords(sets);
  const weekdays = sets.starWeekdays ? undefined : weekdayWords(sets.weekdays);
  if (monthDays === null || weekdays === null) return null;
  // Both restricted: cron runs on a day that matches either (the warnings say so too).
  const day = monthDays && weekdays ? `on ${monthDays} or on ${weekdays}` : monthDays ? `on ${monthDays}` : weekdays && `on ${weekdays}`;
  return { day, month: monthWords(sets.months) };
}

function describeCron(sets: CronSets): { text: string; zoneFree: boolean } | null {
  const time = timeOfDay(sets.minutes, sets.hours);
  const days = dayWords(sets);
  if (time === null || days === null) return null;
  const when = [days.day, days.month].filter((part) => part !== undefined).join(" ");
  if (time.repeating) return when ? { text: `${time.text} ${when}`, zoneFree: false } : time;
  if (!days.day) return { text: `every day ${time.text}${days.month ? ` ${days.month}` : ""}`, zoneFree: false };
  return { text: `${time.text} ${when}`, zoneFree: false };
}

/** A cron expression in words with its zone, or the expression itself when the words cannot say it exactly. */
export function cronWords(cron: string, timezone: string): string {
  const described = describeCron(cronSets(cron));
  if (described === null) return cron.trim();
  return described.zoneFree ? described.text : `${described.text} (${timezone})`;
}

/** A valid schedule in words ("every 5 minutes", "every day at 02:30 (Europe/Berlin)"). */
export function scheduleWords(schedule: Schedule): string {
  return schedule.kind === "interval" ? intervalWords(schedule.interval) : cronWords(schedule.cron, schedule.timezone);
}
