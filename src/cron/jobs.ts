/**
 * The Cron Trigger's jobs (wrangler.toml `[triggers]`, every minute; src/index.ts `scheduled`): the self
 * heartbeat, retention and the alarm safety net. Each is bounded in rows (its limits below) and in time (a
 * job still running after JOB_TIMEOUT_MS is reported as failed and the run goes on); each failure is logged
 * and never stops the others.
 */
import { type PrunedRows, pruneHistory } from "../db/retention";
import { type OverdueMonitor, overdueMonitors } from "../db/sweep";
import { monitorStub } from "../do/stub";
import { parseLivenessReportPeriod } from "../domain/liveness";
import { overdueMargin, parseRetentionDays, retentionCutoff } from "../domain/retention";
import { log, loggedError } from "../log";
import { repairMonitorObject } from "../services/monitor-repair";

/** Rows each retention batch deletes per table per run: a short statement each, and 2,000 × 4 a minute drains a large backlog. */
export const RETENTION_BATCH = 500;
/** Monitors the safety net wakes per run; more wait for the next minute. */
export const SWEEP_LIMIT = 50;
/** A late monitor's pings are status changes, which reach D1 at once: a minute past its grace, it is overdue. */
const LATE_MARGIN_MS = 60_000;
/** The self heartbeat's request timeout. */
export const HEARTBEAT_TIMEOUT_MS = 10_000;
/** How long the run waits on one job; a scheduled invocation has 15 minutes, the next run starts in one. */
export const JOB_TIMEOUT_MS = 25_000;

/** GETs SELF_HEARTBEAT_URL, when set, so that an outside monitor notices when these runs stop. */
export async function pingSelfHeartbeat(env: Env): Promise<number | null> {
  if (!env.SELF_HEARTBEAT_URL) return null;
  const response = await fetch(env.SELF_HEARTBEAT_URL, { signal: AbortSignal.timeout(HEARTBEAT_TIMEOUT_MS) });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`SELF_HEARTBEAT_URL answered ${response.status}`);
  return response.status;
}

/** Deletes one batch per table of history older than RETENTION_DAYS, and expired sessions. */
export function pruneOldHistory(env: Env, now: number): Promise<PrunedRows> {
  const cutoff = retentionCutoff(now, parseRetentionDays(env.RETENTION_DAYS));
  return pruneHistory(env.DB, cutoff, now, RETENTION_BATCH);
}

export interface SweepResult {
  /** Monitors woken, by what their object found: due work run, D1's deadline corrected, configuration restored. */
  due: number;
  stale: number;
  repaired: number;
  /** Listed in D1 when the sweep read it, gone by the time it was repaired (a DELETE meanwhile). */
  gone: number;
  failed: number;
  /** D1 rows the query read (meta.rows_read). */
  rowsRead: number;
}

/** Wakes one monitor's object; an object that holds no monitor gets D1's configuration back (monitor-repair.ts). */
async function wakeOne(env: Env, monitor: OverdueMonitor): Promise<"due" | "stale" | "repaired" | "gone"> {
  const outcome = await monitorStub(env, monitor.id).wake();
  if (outcome !== "missing") return outcome;
  return repairMonitorObject(env, monitor.teamId, monitor.id);
}

/**
 * The alarm safety net: wakes the objects of monitors D1 still lists as waiting for a deadline that passed
 * more than a liveness period and a minute ago (see domain/retention.ts overdueMargin for why that margin
 * never catches a monitor pinged on time), or as late a minute past their grace; the longest overdue first
 * (db/sweep.ts). Every monitor woken is logged; a failed wake too, and the others go on.
 */
export async function sweepOverdueMonitors(env: Env, now: number): Promise<SweepResult> {
  const margin = overdueMargin(parseLivenessReportPeriod(env.LIVENESS_REPORT_SECONDS));
  const cutoffs = { waitingBefore: now - margin, lateBefore: now - LATE_MARGIN_MS };
  const { monitors, rowsRead } = await overdueMonitors(env.DB, cutoffs, SWEEP_LIMIT);
  const result: SweepResult = { due: 0, stale: 0, repaired: 0, gone: 0, failed: 0, rowsRead };
  const outcomes = await Promise.allSettled(monitors.map((monitor) => wakeOne(env, monitor)));
  outcomes.forEach((outcome, i) => {
    const { id: monitor_id, teamId: team_id } = monitors[i] as OverdueMonitor;
    if (outcome.status === "rejected") {
      result.failed += 1;
      log({ event: "sweep.wake_failed", monitor_id, team_id, error: loggedError(outcome.reason) });
      return;
    }
    result[outcome.value] += 1;
    if (outcome.value === "due") log({ event: "sweep.woken", monitor_id, team_id });
    if (outcome.value === "repaired") log({ event: "sweep.repaired", monitor_id, team_id });
  });
  return result;
}
