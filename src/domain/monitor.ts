/**
 * The heartbeat state machine: types, timers and the alarm's tick. Pure: every function takes `now`
 * (ms since the epoch) and returns the next state plus the events it produced; the Durable Object
 * persists both in one transaction. What a ping means is decided in `ping.ts` (with `checkin.ts`).
 */
import { z } from "zod";
import type { AlertGrouping } from "./alert-group";
import type { ChannelEvent } from "./channel-events";
import type { AlertingConfig, AlertProgress } from "./escalation";
import { nextNotificationAt } from "./escalation";
import { activeWindow, type MaintenanceWindow, nextWindowChange } from "./maintenance";
import {
  type Deadlines,
  deadlineAfterMiss,
  deadlineAfterPing,
  deadlineAfterWindow,
  defaultMaxRuntime,
  runDeadline,
  type Schedule,
} from "./schedule";
import { snoozeReleaseAt } from "./snooze";
import { NO_STREAK, type Streak, type Thresholds } from "./thresholds";
import {
  closeAlert,
  contextAt,
  notifyDue,
  reconcileAlert,
  recordFailure,
  setStatus,
  type TransitionContext,
  windowsOf,
} from "./transitions";

/**
 * The closed lists, each once: the stored formats, the API's views and queries, metrics and the CLI take
 * their values from these (`.options`), so a new status or reason reaches all of them or fails to compile.
 */
export const MONITOR_STATUSES = z.enum(["new", "up", "late", "down", "running", "paused"]);
export const ALERT_REASONS = z.enum(["missed", "failed", "timeout"]);
export const CLOSE_REASONS = z.enum(["ping", "paused", "deleted"]);
/**
 * Where a monitor's object is asked to be created (a Durable Objects location hint): western/eastern North
 * America, South America, western/eastern Europe, Asia-Pacific, Oceania, Africa, the Middle East.
 * https://developers.cloudflare.com/durable-objects/reference/data-location/#provide-a-location-hint
 */
export const LOCATION_HINTS = z.enum(["wnam", "enam", "sam", "weur", "eeur", "apac", "oc", "afr", "me"]);
export type MonitorStatus = z.infer<typeof MONITOR_STATUSES>;
export type LocationHint = z.infer<typeof LOCATION_HINTS>;
export type AlertReason = z.infer<typeof ALERT_REASONS>;
export type CloseReason = z.infer<typeof CLOSE_REASONS>;

export interface MonitorConfig extends AlertingConfig, Thresholds {
  id: string;
  pingToken: string;
  name: string;
  /** Unique per team; addresses the monitor as /ping/<ping_key>/<slug>. */
  slug: string | null;
  schedule: Schedule;
  /** Extra seconds after an expected ping before the monitor is down. */
  grace: number;
  /** A ping this many seconds before an occurrence counts for it (cron schedules). */
  earlyTolerance: number;
  /** Seconds a run begun by /start may take; null: the grace, else 1 h. */
  maxRuntime: number | null;
  /** A ping to a paused monitor resumes it unless this is set. */
  manualResume: boolean;
  successKeywords: string[];
  failureKeywords: string[];
  maintenance: MaintenanceWindow[];
  /** The team's windows, copied in whenever they change (apply to every monitor of the team). */
  teamMaintenance: MaintenanceWindow[];
  /** The team's alert-storm grouping, copied in whenever it changes (the outbox reads it: do/alert-group-hop.ts). */
  teamAlertGrouping: AlertGrouping;
  /** How many pings the object keeps in its log. */
  pingLogSize: number;
  summary: string | null;
  /** The location hint its object was created with; null: none (near the creating request). Fixed at creation. */
  location: LocationHint | null;
  /** Lower-case labels for grouping: list filters, tag badges, metrics labels, alert payloads. */
  tags: string[];
  enabled: boolean;
  /** Until when notifications are held back (domain/snooze.ts); null, or a time past: not snoozed. */
  snoozedUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface Alert {
  id: string;
  monitorId: string;
  reason: AlertReason;
  openedAt: number;
  closedAt: number | null;
  closeReason: CloseReason | null;
}

export interface MonitorState {
  status: MonitorStatus;
  /** Last ping of any kind but `log`, including pings while paused. */
  lastPingAt: number | null;
  /** The ping from which `due` was computed. */
  timerFrom: number | null;
  /** The expected ping being waited for; null while new, paused, or down with its alert open. */
  due: Deadlines | null;
  /** Runs begun by /start and not yet ended, by run id ("" for pings without ?rid=). */
  runs: Record<string, number>;
  streak: Streak;
  /** Why the monitor is down: what the alert, if one opens, will say. */
  failure: { reason: AlertReason; exitStatus: number | null } | null;
  /** The open alert, if any. At most one per monitor. */
  alert: Alert | null;
  /** Who has been told about the open alert so far. */
  progress: AlertProgress | null;
  statusChangedAt: number;
  /** How long the last run that a ping ended took (/start to its success or failure, same rid), in ms. */
  lastDurationMs: number | null;
  /** The `lastPingAt` the object last reported to D1, with `lastDurationMs` (see liveness.ts); null: none yet. */
  livenessReportedAt: number | null;
  /**
   * The status D1 was last sent (what the list, badges and metrics show), which a run on an up monitor
   * does not change (do/jobs.ts); null: not known (a state stored before it was kept).
   */
  listedStatus: MonitorStatus | null;
}

export type NoticeType = "alert.opened" | "alert.reminder" | "alert.closed";

export type MonitorEvent =
  | { type: "status.changed"; from: MonitorStatus; to: MonitorStatus; at: number }
  | { type: "alert.opened"; alert: Alert; at: number }
  | { type: "alert.closed"; alert: Alert; at: number }
  /**
   * Tell these channels about the alert (an opening, a reminder while open, or its closing). `via` is the
   * channel event it is (each channel's `events` setting filters on it); `snoozed`: the monitor's snooze
   * holds it back, so it is recorded as suppressed, not sent.
   */
  | { type: "notify"; notice: NoticeType; alert: Alert; channels: string[]; at: number; via: ChannelEvent; snoozed: boolean };

export interface Transition {
  state: MonitorState;
  events: MonitorEvent[];
}

export function initialState(config: MonitorConfig, now: number): MonitorState {
  return {
    status: config.enabled ? "new" : "paused",
    lastPingAt: null,
    timerFrom: null,
    due: null,
    runs: {},
    streak: NO_STREAK,
    failure: null,
    alert: null,
    progress: null,
    statusChangedAt: now,
    lastDurationMs: null,
    livenessReportedAt: null,
    // The monitor's row is inserted with this status.
    listedStatus: config.enabled ? "new" : "paused",
  };
}

const maxRuntimeOf = (config: MonitorConfig) => config.maxRuntime ?? defaultMaxRuntime(config.grace);

function earliestRunDeadline(config: MonitorConfig, state: MonitorState): number | null {
  const starts = Object.values(state.runs);
  return starts.length > 0 ? runDeadline(Math.min(...starts), maxRuntimeOf(config)) : null;
}

/** When the next ping is expected (or a running job must end): the API's `next_due_at`. */
export function nextDueAt(config: MonitorConfig, state: MonitorState): number | null {
  return earliestRunDeadline(config, state) ?? state.due?.lateAt ?? null;
}

/** A notification due inside a maintenance window waits for its end (see `notifyDue`). */
function heldUntilWindowEnds(config: MonitorConfig, at: number | null): number | null {
  return at === null ? null : (activeWindow(windowsOf(config), at) ?? at);
}

/** When the object must next wake up by itself: a deadline, a run timeout, an escalation, a reminder, a window's end, a snooze's end. */
export function nextWakeAt(config: MonitorConfig, state: MonitorState, now: number): number | null {
  if (!config.enabled) return null;
  const { due, alert, progress } = state;
  const deadline =
    earliestRunDeadline(config, state) ?? (due && state.status === "up" && due.lateAt < due.downAt ? due.lateAt : (due?.downAt ?? null));
  const notify = alert && progress ? heldUntilWindowEnds(config, nextNotificationAt(config, alert.openedAt, progress)) : null;
  const windowChange = !alert && state.streak.failures > 0 ? nextWindowChange(windowsOf(config), now) : null;
  const times = [deadline, notify, windowChange, snoozeReleaseAt(config, progress)].filter((t): t is number => t !== null);
  return times.length > 0 ? Math.min(...times) : null;
}

/** Runs that outlived max_runtime end as a failure with reason `timeout`. */
function checkRuns(ctx: TransitionContext, t: Transition): Transition {
  const limit = maxRuntimeOf(ctx.config);
  const expired = Object.entries(t.state.runs).filter(([, start]) => runDeadline(start, limit) <= ctx.now);
  if (expired.length === 0) return t;
  const runs = Object.fromEntries(Object.entries(t.state.runs).filter(([, start]) => runDeadline(start, limit) > ctx.now));
  // The timer restarts at the run's own deadline, not at whenever the alarm ran: a late alarm must count
  // the misses since then as an on-time one would.
  const timedOutAt = Math.min(...expired.map(([, start]) => runDeadline(start, limit)));
  const due = deadlineAfterPing(ctx.config.schedule, timedOutAt, ctx.config);
  return recordFailure(ctx, { ...t, state: { ...t.state, runs, due } }, { reason: "timeout", exitStatus: null });
}

/**
 * A miss whose deadline fell inside a maintenance window (Uptime Kuma issue 6022): the monitor shows
 * `down`, but the miss does not count towards an alert, and the next deadline is a full period (plus
 * grace) from the window's end. A monitor silent only inside the window therefore never alerts at its end.
 */
function excuseMiss(ctx: TransitionContext, t: Transition, windowEnd: number): Transition {
  const due = deadlineAfterWindow(ctx.config.schedule, windowEnd, ctx.config.grace);
  // A failure reported earlier (a /fail in the window) still says why the monitor is down.
  const failure = t.state.failure ?? { reason: "missed" as const, exitStatus: null };
  return setStatus(ctx, { ...t, state: { ...t.state, due, failure } }, "down");
}

/** Past the expected time the monitor is late; past the grace it is down, one miss per expected ping. */
function checkDue(ctx: TransitionContext, t: Transition): Transition {
  let next = t;
  for (let misses = 0; misses < 100; misses++) {
    const { due, runs, alert } = next.state;
    if (!due || Object.keys(runs).length > 0) return next;
    if (ctx.now < due.downAt) return ctx.now >= due.lateAt && next.state.status === "up" ? setStatus(ctx, next, "late") : next;
    // Judged at the miss itself, not at `now`: an alarm that runs late must not excuse a miss before a window or count one inside it.
    const windowEnd = alert ? null : activeWindow(windowsOf(ctx.config), due.downAt);
    if (windowEnd !== null) {
      next = excuseMiss(ctx, next, windowEnd);
      continue;
    }
    const following = alert ? null : deadlineAfterMiss(ctx.config.schedule, due.lateAt, ctx.config.grace);
    next = recordFailure(ctx, { ...next, state: { ...next.state, due: following } }, { reason: "missed", exitStatus: null });
    if (next.state.alert) return { ...next, state: { ...next.state, due: null } };
  }
  return next;
}

/**
 * Brings the stored state in line with `now`. Idempotent: evaluating the same state twice at the same
 * time yields no further events, which is what makes a repeated or retried alarm harmless.
 */
export function evaluate(config: MonitorConfig, state: MonitorState, now: number, newAlertId: () => string): Transition {
  if (!config.enabled) return { state, events: [] };
  const ctx = contextAt(config, now, newAlertId);
  const checked = checkDue(ctx, checkRuns(ctx, { state, events: [] }));
  return notifyDue(ctx, reconcileAlert(ctx, checked));
}

/**
 * A new configuration takes effect at once: a changed schedule moves the deadline of a monitor that is
 * up, pausing closes the open alert, resuming returns to `new` (the timer starts at the next ping).
 */
export function applyConfig(config: MonitorConfig, state: MonitorState, now: number, newAlertId: () => string): Transition {
  const ctx = contextAt(config, now, newAlertId);
  if (!config.enabled) {
    const paused = { ...state, due: null, runs: {}, streak: NO_STREAK, failure: null };
    return closeAlert(ctx, setStatus(ctx, { state: paused, events: [] }, "paused"), "paused");
  }
  if (state.status === "paused") {
    // What the monitor heard before the pause, and what D1 was told of it, stay true.
    const { lastPingAt, lastDurationMs, livenessReportedAt, listedStatus } = state;
    const resumed = {
      ...initialState(config, now),
      lastPingAt,
      lastDurationMs,
      livenessReportedAt,
      listedStatus,
      status: "paused" as const,
    };
    return setStatus(ctx, { state: resumed, events: [] }, "new");
  }
  const waiting = (state.status === "up" || state.status === "late") && state.timerFrom !== null;
  const due = waiting && state.timerFrom !== null ? deadlineAfterPing(config.schedule, state.timerFrom, config) : state.due;
  // Back to `up` only when the new deadline is still ahead: a monitor that stays late keeps its status
  // and "late since" (a flap late → up → late would also cost two D1 writes).
  const backOnTime = waiting && due !== null && now < due.lateAt;
  const base = backOnTime ? setStatus(ctx, { state: { ...state, due }, events: [] }, "up") : { state: { ...state, due }, events: [] };
  const evaluated = evaluate(config, base.state, now, newAlertId);
  return { state: evaluated.state, events: [...base.events, ...evaluated.events] };
}

/** Deleting a monitor closes its open alert so receivers are not left with an alert nobody can close. */
export function applyDelete(config: MonitorConfig, state: MonitorState, now: number): Transition {
  const ctx: TransitionContext = { config, now, newAlertId: () => "", inMaintenance: false };
  return closeAlert(ctx, { state, events: [] }, "deleted");
}
