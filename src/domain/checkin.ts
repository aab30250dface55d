/**
 * A ping, read as a check-in (healthchecks.io semantics): success, start, fail (or an exit status),
 * or log. Pure.
 */
import { evaluate, type MonitorConfig, type MonitorState, type Transition } from "./monitor";
import { deadlineAfterPing } from "./schedule";
import type { Signal } from "./signals";
import { contextAt, recordFailure, recordSuccess, setStatus } from "./transitions";

/** How many overlapping runs (distinct ?rid=) are tracked at once; the oldest is forgotten first. */
export const MAX_OPEN_RUNS = 50;

export interface CheckIn {
  signal: Signal;
  /** `?rid=`; "" when the client sent none. */
  runId: string;
}

interface CheckInResult extends Transition {
  /** How long the run took, when this ping ended a run begun by /start. */
  durationMs: number | null;
}

function startRun(runs: Record<string, number>, runId: string, now: number): Record<string, number> {
  const entries = Object.entries({ ...runs, [runId]: now }).sort(([, a], [, b]) => a - b);
  return Object.fromEntries(entries.slice(-MAX_OPEN_RUNS));
}

/**
 * The run a success or failure ends: the one its rid names, else the newest open run. healthchecks.io
 * keeps one start and any end clears it; a run left open by an end that named no run (or another rid)
 * would time out later although the job reported, which is a false alert.
 */
function runEndedBy(runs: Record<string, number>, runId: string): string | null {
  if (Object.hasOwn(runs, runId)) return runId;
  let newest: string | null = null;
  for (const [id, start] of Object.entries(runs)) if (newest === null || start >= (runs[newest] ?? 0)) newest = id;
  return newest;
}

function endRun(runs: Record<string, number>, runId: string | null): Record<string, number> {
  if (runId === null) return runs;
  const { [runId]: _ended, ...rest } = runs;
  return rest;
}

/**
 * Applies one ping to an enabled monitor. (A paused monitor is resumed, or not, before this: see
 * `receivePing` in `ping.ts`, which also applies the keyword filters.) A ping outside a run restarts the timer; /start replaces the timer with the
 * run's max_runtime; a success or failure ends the run it names (or the newest: see `runEndedBy`).
 */
export function applyCheckIn(
  config: MonitorConfig,
  state: MonitorState,
  checkIn: CheckIn,
  now: number,
  newAlertId: () => string,
): CheckInResult {
  const { signal, runId } = checkIn;
  if (signal.kind === "log" || !config.enabled) {
    return { state: signal.kind === "log" ? state : { ...state, lastPingAt: now }, events: [], durationMs: null };
  }
  const ctx = contextAt(config, now, newAlertId);
  const pinged = { ...state, lastPingAt: now };
  if (signal.kind === "start") {
    return { ...setStatus(ctx, { state: { ...pinged, runs: startRun(state.runs, runId, now) }, events: [] }, "running"), durationMs: null };
  }
  const ended = runEndedBy(state.runs, runId);
  const runs = endRun(state.runs, ended);
  // Like healthchecks.io, a duration only for the run the ping names (an unnamed end may close another's run).
  const started = ended === runId ? state.runs[runId] : undefined;
  const durationMs = started === undefined ? null : now - started;
  const lastDurationMs = durationMs ?? state.lastDurationMs;
  const timer = { ...pinged, runs, lastDurationMs, timerFrom: now, due: deadlineAfterPing(config.schedule, now, config) };
  const outcome =
    signal.kind === "success"
      ? recordSuccess(ctx, { state: timer, events: [] }, Object.keys(runs).length > 0 ? "running" : "up")
      : recordFailure(ctx, { state: timer, events: [] }, { reason: "failed", exitStatus: signal.exitStatus });
  // Escalations or reminders that fell due are sent with this transition, as the alarm would.
  const settled = evaluate(config, outcome.state, now, newAlertId);
  return { state: settled.state, events: [...outcome.events, ...settled.events], durationMs };
}
