/**
 * failure_threshold / recovery_threshold, with Sentry Crons semantics: an alert opens only after N
 * consecutive failed check-ins (a miss, a /fail or non-zero exit, a run timeout), and an open alert closes
 * only after M consecutive successful ones. Any success breaks a failure streak and vice versa. Start and
 * log pings say nothing about the outcome and are not counted. Pure.
 */

export type Outcome = "success" | "failure";

/** The current run of identical outcomes; at most one of the two is non-zero. */
export interface Streak {
  failures: number;
  successes: number;
}

export interface Thresholds {
  failureThreshold: number;
  recoveryThreshold: number;
}

export type AlertAction = "open" | "close" | "none";

export const NO_STREAK: Streak = { failures: 0, successes: 0 };

/** The streak after one more outcome. */
export function countTowardsAlert(streak: Streak, outcome: Outcome): Streak {
  return outcome === "failure" ? { failures: streak.failures + 1, successes: 0 } : { failures: 0, successes: streak.successes + 1 };
}

/**
 * What the streak asks for. Thresholds below 1 act as 1. During maintenance nothing opens, but the streak
 * keeps counting, so asking again when the window ends opens the alert then if the failures went on;
 * closing is never held back (a recovered job should not stay alerted through a window).
 */
export function alertAction(streak: Streak, thresholds: Thresholds, alertOpen: boolean, inMaintenance = false): AlertAction {
  if (alertOpen) return streak.successes >= Math.max(1, thresholds.recoveryThreshold) ? "close" : "none";
  if (inMaintenance) return "none";
  return streak.failures >= Math.max(1, thresholds.failureThreshold) ? "open" : "none";
}
