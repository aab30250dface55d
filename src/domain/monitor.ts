import { type AlertingConfig, type AlertProgress, dueNotifications, nextNotificationAt, startProgress } from "./escalation";

/**
 * The heartbeat state machine. Pure: every function takes `now` (ms since epoch) and returns the next
 * state plus the events it produced; the Durable Object persists both in one transaction.
 */

export type MonitorStatus = "new" | "up" | "late" | "down" | "paused";
export type AlertReason = "missed";
export type CloseReason = "ping" | "paused" | "deleted" | "reconfigured";

export interface MonitorConfig extends AlertingConfig {
  id: string;
  pingToken: string;
  name: string;
  /** Seconds between expected pings. */
  interval: number;
  /** Extra seconds after a missed ping before the monitor is down. */
  grace: number;
  summary: string | null;
  enabled: boolean;
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
  /** Last ping received, including pings while paused. */
  lastPingAt: number | null;
  /** The ping that started the current timer; null while new or paused (the timer starts at the first ping). */
  timerFrom: number | null;
  /** The open alert, if any. At most one per monitor. */
  alert: Alert | null;
  /** Who has been told about the open alert so far. */
  progress: AlertProgress | null;
  statusChangedAt: number;
}

export type NoticeType = "alert.opened" | "alert.reminder" | "alert.closed";

export type MonitorEvent =
  | { type: "status.changed"; from: MonitorStatus; to: MonitorStatus; at: number }
  | { type: "alert.opened"; alert: Alert; at: number }
  | { type: "alert.closed"; alert: Alert; at: number }
  /** Tell these channels about the alert (an opening, a reminder while open, or its closing). */
  | { type: "notify"; notice: NoticeType; alert: Alert; channels: string[]; at: number };

export interface Transition {
  state: MonitorState;
  events: MonitorEvent[];
}

type Cause = "ping" | "tick" | "config";

export function initialState(config: MonitorConfig, now: number): MonitorState {
  return {
    status: config.enabled ? "new" : "paused",
    lastPingAt: null,
    timerFrom: null,
    alert: null,
    progress: null,
    statusChangedAt: now,
  };
}

/** When a monitor whose timer started at `from` turns late and then down. */
export function deadlinesOf(config: MonitorConfig, from: number): { lateAt: number; downAt: number } {
  const lateAt = from + config.interval * 1000;
  return { lateAt, downAt: lateAt + config.grace * 1000 };
}

export function statusAt(config: MonitorConfig, state: MonitorState, now: number): MonitorStatus {
  if (!config.enabled) return "paused";
  if (state.timerFrom === null) return "new";
  const { lateAt, downAt } = deadlinesOf(config, state.timerFrom);
  if (now >= downAt) return "down";
  if (now >= lateAt) return "late";
  return "up";
}

/** The next moment the status changes by itself, or null when only a ping or an edit can change it. */
export function nextDeadline(config: MonitorConfig, state: MonitorState): number | null {
  if (state.timerFrom === null || state.status === "paused" || state.status === "down") return null;
  const { lateAt, downAt } = deadlinesOf(config, state.timerFrom);
  return state.status === "up" && lateAt < downAt ? lateAt : downAt;
}

/** When the object must next wake up by itself: a deadline, an escalation step or a reminder. */
export function nextWakeAt(config: MonitorConfig, state: MonitorState): number | null {
  const deadline = nextDeadline(config, state);
  const notify = state.alert && state.progress ? nextNotificationAt(config, state.alert.openedAt, state.progress) : null;
  if (deadline === null || notify === null) return deadline ?? notify;
  return Math.min(deadline, notify);
}

/**
 * Brings the stored state in line with `now`. Idempotent: evaluating the same state twice at the same
 * time yields no further events, which is what makes a repeated or retried alarm harmless.
 */
export function evaluate(
  config: MonitorConfig,
  state: MonitorState,
  now: number,
  newAlertId: () => string,
  cause: Cause = "tick",
): Transition {
  const to = statusAt(config, state, now);
  const events: MonitorEvent[] = [];
  let next = state;
  if (to !== state.status) {
    events.push({ type: "status.changed", from: state.status, to, at: now });
    next = { ...next, status: to, statusChangedAt: now };
  }
  if (to === "down" && !next.alert) {
    const alert: Alert = {
      id: newAlertId(),
      monitorId: config.id,
      reason: "missed",
      openedAt: now,
      closedAt: null,
      closeReason: null,
    };
    events.push({ type: "alert.opened", alert, at: now });
    next = { ...next, alert, progress: startProgress(now) };
  } else if (to !== "down" && next.alert) {
    const closeReason: CloseReason = to === "paused" ? "paused" : cause === "ping" ? "ping" : "reconfigured";
    return closeAlert({ state: next, events }, closeReason, now);
  }
  return notifyDue(config, { state: next, events }, now);
}

/** Escalation steps and reminders that are due while the alert stays open. */
function notifyDue(config: MonitorConfig, transition: Transition, now: number): Transition {
  const { alert, progress } = transition.state;
  if (!alert || !progress) return transition;
  const due = dueNotifications(config, alert.openedAt, progress, now);
  const notices = due.notifications.map(
    (n): MonitorEvent => ({
      type: "notify",
      notice: n.kind === "opened" ? "alert.opened" : "alert.reminder",
      alert,
      channels: n.channels,
      at: now,
    }),
  );
  return { state: { ...transition.state, progress: due.progress }, events: [...transition.events, ...notices] };
}

function closeAlert(transition: Transition, reason: CloseReason, now: number): Transition {
  const { alert } = transition.state;
  if (!alert) return transition;
  const closed: Alert = { ...alert, closedAt: now, closeReason: reason };
  const notified = transition.state.progress?.notified ?? [];
  const events: MonitorEvent[] = [...transition.events, { type: "alert.closed", alert: closed, at: now }];
  if (notified.length > 0) events.push({ type: "notify", notice: "alert.closed", alert: closed, channels: notified, at: now });
  return { state: { ...transition.state, alert: null, progress: null }, events };
}

/** A ping restarts the timer (and so closes an open alert). While paused it is only recorded. */
export function applyPing(config: MonitorConfig, state: MonitorState, now: number, newAlertId: () => string): Transition {
  if (!config.enabled) return { state: { ...state, lastPingAt: now }, events: [] };
  return evaluate(config, { ...state, lastPingAt: now, timerFrom: now }, now, newAlertId, "ping");
}

/** A new configuration takes effect at once: a changed interval moves the deadline, resuming returns to `new`. */
export function applyConfig(config: MonitorConfig, state: MonitorState, now: number, newAlertId: () => string): Transition {
  const resuming = config.enabled && state.status === "paused";
  const base = resuming ? { ...state, timerFrom: null } : state;
  return evaluate(config, base, now, newAlertId, "config");
}

/** Deleting a monitor closes its open alert so receivers are not left with an alert nobody can close. */
export function applyDelete(state: MonitorState, now: number): Transition {
  return closeAlert({ state, events: [] }, "deleted", now);
}
