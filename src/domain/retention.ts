/** How long history is kept (the Cron Trigger's retention job, src/scheduled.ts). Pure. */

export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `RETENTION_DAYS`: absent or not a positive integer, the default. */
export function parseRetentionDays(value: string | undefined): number {
  const days = Number(value);
  return value !== undefined && Number.isInteger(days) && days > 0 ? days : DEFAULT_RETENTION_DAYS;
}

/** History that ended before this time (ms) is pruned. */
export const retentionCutoff = (now: number, days: number) => now - days * DAY_MS;

/**
 * The safety net's margin: how long after D1's copy of a deadline a monitor counts as overdue. D1's
 * `next_due_at` is exact at every status change and liveness report, and a monitor pinged on time reports
 * at least once per liveness period (domain/liveness.ts), so one period plus a minute after D1's deadline
 * only a monitor that truly missed it (and whose alarm did not fire) is still listed as waiting.
 */
export const overdueMargin = (livenessPeriodMs: number) => livenessPeriodMs + 60_000;
