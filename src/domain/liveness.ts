/**
 * Liveness reports: how D1's copy of a monitor's last ping and last run duration (what /metrics and the
 * list show) stays fresh without a D1 write per ping. A ping never waits on D1; instead, a ping that finds
 * D1's copy a period behind sends it the news once its own commit is done. A monitor pinged every minute
 * then costs D1 one row per period (default 5 minutes), not one per ping. Status changes still reach D1
 * at once through the outbox, so the copy is exact at every change and less than a period behind
 * between them. Pure.
 */
import type { MonitorState } from "./monitor";

export const DEFAULT_LIVENESS_REPORT_SECONDS = 300;

/** `LIVENESS_REPORT_SECONDS`: absent or not a positive integer, the default. In milliseconds. */
export function parseLivenessReportPeriod(value: string | undefined): number {
  const seconds = Number(value);
  const valid = value !== undefined && Number.isInteger(seconds) && seconds > 0;
  return (valid ? seconds : DEFAULT_LIVENESS_REPORT_SECONDS) * 1000;
}

/** What D1 is told: the monitor's columns `last_ping_at` and `last_duration_ms`. */
export interface LivenessReport {
  lastPingAt: number;
  lastDurationMs: number | null;
}

/**
 * Due when the newest ping is at least `periodMs` newer than the last one reported, or none was. Measured
 * from ping to ping, not from `now`: a log line (which moves no `lastPingAt`) has nothing new to report,
 * and D1's copy is never a whole period behind the newest ping.
 */
export function livenessReportDue(state: MonitorState, periodMs: number): boolean {
  const { lastPingAt, livenessReportedAt } = state;
  if (lastPingAt === null) return false;
  return livenessReportedAt === null || lastPingAt - livenessReportedAt >= periodMs;
}

/**
 * The state a ping commits, and the report to send once it is committed (null when none is due). The
 * state records the report in the row the ping writes anyway: no extra row.
 */
export function withLivenessReport(state: MonitorState, periodMs: number): { state: MonitorState; report: LivenessReport | null } {
  if (state.lastPingAt === null || !livenessReportDue(state, periodMs)) return { state, report: null };
  return {
    state: { ...state, livenessReportedAt: state.lastPingAt },
    report: { lastPingAt: state.lastPingAt, lastDurationMs: state.lastDurationMs },
  };
}
