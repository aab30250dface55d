/**
 * Maintenance windows: while one is active, misses and failures are recorded but open no alert. Pure:
 * times are ms since the epoch, `duration` whole seconds. Windows are half-open, [start, end): at the
 * end instant the window is over, so a monitor still silent then goes down then.
 */
import { nextOccurrence, validateCron, validateTimezone } from "./schedule";

export type MaintenanceWindow =
  | { kind: "once"; startsAt: number; endsAt: number }
  | { kind: "recurring"; cron: string; timezone: string; duration: number };

// Back-to-back or overlapping windows are merged into one maintenance period; a recurring window longer
// than its period never ends, so stop following the chain somewhere and let the alarm look again then.
const MAX_CHAINED_WINDOWS = 100;

function startAfter(window: MaintenanceWindow, at: number): number | null {
  if (window.kind === "once") return window.startsAt > at ? window.startsAt : null;
  return nextOccurrence({ kind: "cron", cron: window.cron, timezone: window.timezone }, at);
}

/**
 * The end of the window's earliest occurrence covering `at`, or null. A recurring occurrence o covers
 * `at` when o <= at < o + duration, so look back by the duration: it may have begun before `at`.
 */
function coveringEnd(window: MaintenanceWindow, at: number): number | null {
  if (window.kind === "once") return window.startsAt <= at && at < window.endsAt ? window.endsAt : null;
  const length = window.duration * 1000;
  const start = startAfter(window, at - length);
  return start !== null && start <= at ? start + length : null;
}

function latestCoveringEnd(windows: readonly MaintenanceWindow[], at: number): number | null {
  let end: number | null = null;
  for (const window of windows) {
    const candidate = coveringEnd(window, at);
    if (candidate !== null && (end === null || candidate > end)) end = candidate;
  }
  return end;
}

/**
 * When the maintenance period containing `now` ends, or null when no window is active. Windows that
 * overlap or touch are followed to the end of the last one.
 */
export function activeWindow(windows: readonly MaintenanceWindow[], now: number): number | null {
  let end = latestCoveringEnd(windows, now);
  for (let chained = 0; end !== null && chained < MAX_CHAINED_WINDOWS; chained++) {
    const next = latestCoveringEnd(windows, end);
    if (next === null) break;
    end = next;
  }
  return end;
}

/**
 * The first window start or end strictly after `now`, or null when none is ahead: the alarm wakes then
 * to open (at an end) or hold back (at a start) an alert. A boundary inside a merged period is returned
 * too; evaluating there is harmless.
 */
export function nextWindowChange(windows: readonly MaintenanceWindow[], now: number): number | null {
  let next: number | null = null;
  for (const window of windows) {
    for (const candidate of [startAfter(window, now), coveringEnd(window, now)]) {
      if (candidate !== null && candidate > now && (next === null || candidate < next)) next = candidate;
    }
  }
  return next;
}

/** Null when the window can be stored, else the offending API field and why. */
export function validateWindow(window: MaintenanceWindow): { field: string; message: string } | null {
  if (window.kind === "once") {
    return window.endsAt > window.startsAt ? null : { field: "ends_at", message: "must be after starts_at" };
  }
  const cron = validateCron(window.cron);
  if (cron) return { field: "cron", message: cron };
  const timezone = validateTimezone(window.timezone);
  if (timezone) return { field: "timezone", message: timezone };
  if (!Number.isSafeInteger(window.duration) || window.duration <= 0) {
    return { field: "duration", message: "must be a positive number of seconds" };
  }
  return null;
}
