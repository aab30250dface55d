/**
 * A monitor's schedule in the forms other schedulers read: a crontab schedule, a systemd timer, an
 * Alertmanager repeat interval. Pure; used by snippets.ts.
 */
import type { Schedule } from "../domain/schedule";

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/** Whole units people write: "90s", "5m", "2h", "1d". */
export function unitWords(seconds: number): string {
  if (seconds % DAY === 0) return `${seconds / DAY} day${seconds === DAY ? "" : "s"}`;
  if (seconds % HOUR === 0) return `${seconds / HOUR} hour${seconds === HOUR ? "" : "s"}`;
  if (seconds % MINUTE === 0) return `${seconds / MINUTE} minute${seconds === MINUTE ? "" : "s"}`;
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

/** A Go/Prometheus duration ("90s", "5m", "2h"), as Alertmanager and systemd read it. */
export function shortDuration(seconds: number): string {
  if (seconds % HOUR === 0) return `${seconds / HOUR}h`;
  if (seconds % MINUTE === 0) return `${seconds / MINUTE}m`;
  return `${seconds}s`;
}

/**
 * The cron expression that fires every `interval` seconds, when one does: a step that divides the hour
 * (every 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 minutes), the day (every 1, 2, 3, 4, 6, 8, 12 hours),
 * daily or weekly. Otherwise null: a step like `*\/45` restarts at each hour, so it would not be every 45 minutes.
 */
export function cronForInterval(interval: number): string | null {
  if (interval % MINUTE !== 0 || interval <= 0) return null;
  const minutes = interval / MINUTE;
  if (minutes < 60) return 60 % minutes === 0 ? (minutes === 1 ? "* * * * *" : `*/${minutes} * * * *`) : null;
  if (minutes % 60 !== 0) return null;
  const hours = minutes / 60;
  if (hours < 24) return 24 % hours === 0 ? (hours === 1 ? "0 * * * *" : `0 */${hours} * * *`) : null;
  if (hours === 24) return "0 0 * * *";
  if (hours === 24 * 7) return "0 0 * * 0";
  return null;
}

/** The crontab schedule for a monitor's schedule, or why there is none. */
export function crontabSchedule(schedule: Schedule): { cron: string; timezone: string | null } | { problem: string } {
  if (schedule.kind === "cron") return { cron: schedule.cron.trim(), timezone: schedule.timezone === "UTC" ? null : schedule.timezone };
  const cron = cronForInterval(schedule.interval);
  if (cron) return { cron, timezone: null };
  const every = unitWords(schedule.interval);
  return { problem: `every ${every} does not divide an hour or a day evenly, so no cron expression says it` };
}

/** Cron's nicknames as the five fields they stand for (cron's week starts on Sunday, systemd's `weekly` on Monday). */
const NICKNAMES: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/**
 * A numeric cron field (`*`, `5`, `1-5`, `*\/15`, `0,30`) in systemd's calendar syntax, or null. `first`:
 * where `*\/n` starts (0 for minutes and hours, 1 for days and months); `names`: weekday names by number.
 */
function calendarField(field: string, first: number, names?: readonly string[]): string | null {
  if (!/^[0-9*,/-]+$/.test(field)) return null;
  const name = (v: string | undefined) => (v === undefined || !names ? v : names[Number(v)]);
  const parts = field.split(",").map((part) => {
    const [range = "", step, extra] = part.split("/");
    if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) return null;
    if (names && step !== undefined) return null;
    if (range === "*") return step === undefined ? "*" : `${first}/${step}`;
    const [low, high, more] = range.split("-");
    const start = name(low);
    if (more !== undefined || !start || (high !== undefined && !name(high))) return null;
    const span = high === undefined ? start : `${start}..${name(high)}`;
    return step === undefined ? span : `${span}/${step}`;
  });
  return parts.every((p) => p !== null) ? parts.join(",") : null;
}

/**
 * A cron expression as a systemd `OnCalendar=` value, for the simple forms (numbers, ranges, lists and
 * steps). Null for the rest, and when both day fields are set: cron fires on either, systemd only on both.
 */
export function onCalendar(cron: string, timezone: string): string | null {
  const trimmed = cron.trim();
  const fields = (NICKNAMES[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute = "", hour = "", dom = "", month = "", dow = ""] = fields;
  if (dom !== "*" && dow !== "*") return null;
  const m = calendarField(minute, 0);
  const h = calendarField(hour, 0);
  const d = calendarField(dom, 1);
  const mo = calendarField(month, 1);
  const weekday = dow === "*" ? "" : calendarField(dow, 0, WEEKDAYS);
  if (m === null || h === null || d === null || mo === null || weekday === null) return null;
  const pad = (v: string) => (/^\d$/.test(v) ? `0${v}` : v);
  return `${weekday ? `${weekday} ` : ""}*-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(m)}:00 ${timezone}`;
}

/** A systemd timer's `[Timer]` lines for the schedule (a comment when the cron cannot be translated). */
export function timerLines(schedule: Schedule): string[] {
  if (schedule.kind === "interval") {
    const every = shortDuration(schedule.interval);
    return [`OnBootSec=${every}`, `OnUnitActiveSec=${every}`];
  }
  const calendar = onCalendar(schedule.cron, schedule.timezone);
  if (calendar) return [`OnCalendar=${calendar}`];
  return [`# Write "${schedule.cron}" (${schedule.timezone}) as OnCalendar=; \`systemd-analyze calendar '...'\` checks it.`, "OnCalendar="];
}

/**
 * How often Alertmanager should repeat the always-firing Watchdog: the monitor's interval, or for a cron
 * schedule a minute (it cannot follow a cron; an interval monitor suits a watchdog better).
 */
export function watchdogRepeat(schedule: Schedule): string {
  return shortDuration(schedule.kind === "interval" ? Math.max(MINUTE, schedule.interval) : MINUTE);
}
