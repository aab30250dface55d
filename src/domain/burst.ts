/**
 * Ping bursts: a runaway loop pinging one monitor thousands of times a second must not cost a storage
 * write per ping. Past `rate` pings in a one-second window, pings that change nothing but the timer are
 * coalesced by the monitor's object (counted, the newest kept) instead of written one by one. Pure.
 */
import type { MonitorConfig, MonitorState } from "./monitor";
import type { PingOutcome } from "./ping";
import { deadlineAfterPing } from "./schedule";

/**
 * Shorter than any deadline the API allows (interval ≥ 1 s): the window's end, where the coalesced
 * pings are flushed, never lies beyond the deadline set by the window's first ping.
 */
const BURST_WINDOW_MS = 1000;
export const DEFAULT_BURST_RATE = 10;

/** `PING_BURST_RATE`: pings per second per monitor written one by one; absent or not a positive integer: the default. */
export function parseBurstRate(value: string | undefined): number {
  const rate = Number(value);
  return value !== undefined && Number.isInteger(rate) && rate > 0 ? rate : DEFAULT_BURST_RATE;
}

export interface BurstWindow {
  start: number;
  pings: number;
}

export const NO_WINDOW: BurstWindow = { start: Number.NEGATIVE_INFINITY, pings: 0 };

/** The window after one more ping at `now`: a ping past the window's end opens a new one. */
export function countPing(window: BurstWindow, now: number): BurstWindow {
  return now < window.start + BURST_WINDOW_MS ? { start: window.start, pings: window.pings + 1 } : { start: now, pings: 1 };
}

export const windowEnd = (window: BurstWindow): number => window.start + BURST_WINDOW_MS;

/**
 * True for a ping that changes nothing but the timer: a plain success (no suffix, no exit status, no
 * run id, no keyword or pause note) to an enabled monitor that is and stays `up`, with no run open,
 * no alert, no failure and no event. Only such a ping may be coalesced; anything else is written.
 */
export function onlyMovesTimer(config: MonitorConfig, before: MonitorState, outcome: PingOutcome): boolean {
  const after = outcome.transition.state;
  const entry = outcome.logEntry;
  const plainSuccess = entry.kind === "success" && entry.exitStatus === null && entry.runId === null && entry.note === null;
  const calm = (state: MonitorState) =>
    state.status === "up" && state.alert === null && state.failure === null && Object.keys(state.runs).length === 0;
  return (
    plainSuccess &&
    outcome.config === config &&
    config.enabled &&
    outcome.transition.events.length === 0 &&
    calm(before) &&
    calm(after) &&
    after.streak.failures === 0
  );
}

/**
 * The state stored with the first coalesced ping of a window: its timer counts from the window's end,
 * so if the object loses the pings coalesced after it (a crash before the flush), the stored deadline
 * is still no earlier than the newest lost ping's. The price: after such a crash, an alert for a job
 * that really stopped comes at most one window late; never a false one.
 */
export function promisedState(config: MonitorConfig, state: MonitorState, until: number): MonitorState {
  return { ...state, timerFrom: until, due: deadlineAfterPing(config.schedule, until, config) };
}
