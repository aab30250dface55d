import { livenessReportStatement } from "../db/monitors";
import type { LivenessReport } from "../domain/liveness";
import { log, loggedError } from "../log";

/**
 * Sends a liveness report to D1 (see domain/liveness.ts); for `waitUntil`, so a ping's answer never
 * waits on D1. Never rejects: a failure is logged, and costs only freshness (the next due report, a
 * period later, carries newer values). Not an outbox job: that would be a second row per reporting ping.
 */
export async function sendLivenessReport(
  db: D1Database,
  monitorId: string,
  report: LivenessReport,
  nextDueAt: number | null,
): Promise<void> {
  try {
    await livenessReportStatement(db, monitorId, report, nextDueAt).run();
  } catch (err) {
    // The next report is due a period later.
    log({ event: "liveness_report.failed", monitor_id: monitorId, error: loggedError(err) });
  }
}
