/**
 * The building blocks every transition is made of: status flips, outcomes counted towards the
 * thresholds, alerts opened and closed, notifications due. Pure.
 */
import type { ChannelEvent } from "./channel-events";
import { type AlertProgress, dueNotifications, type HeldOpening, type Notification, nextReminderAt, startProgress } from "./escalation";
import { activeWindow, type MaintenanceWindow } from "./maintenance";
import type { Alert, CloseReason, MonitorConfig, MonitorEvent, MonitorState, MonitorStatus, Transition } from "./monitor";
import { heldChannels, holdOpenings, isSnoozed, releaseHeld } from "./snooze";
import { alertAction, countTowardsAlert } from "./thresholds";

type HeldVia = HeldOpening["via"];

export interface TransitionContext {
  config: MonitorConfig;
  now: number;
  newAlertId: () => string;
  /** Inside a maintenance window misses and failures are recorded but open no alert. */
  inMaintenance: boolean;
}

/** Every window that applies to the monitor: its own and its team's. */
export const windowsOf = (config: MonitorConfig): MaintenanceWindow[] => [...config.maintenance, ...config.teamMaintenance];

export function contextAt(config: MonitorConfig, now: number, newAlertId: () => string): TransitionContext {
  return { config, now, newAlertId, inMaintenance: activeWindow(windowsOf(config), now) !== null };
}

export function setStatus(ctx: TransitionContext, t: Transition, to: MonitorStatus): Transition {
  if (t.state.status === to) return t;
  const event: MonitorEvent = { type: "status.changed", from: t.state.status, to, at: ctx.now };
  return { state: { ...t.state, status: to, statusChangedAt: ctx.now }, events: [...t.events, event] };
}

/** A miss, a failure signal or a timeout: the monitor is down, and the failure counts towards an alert. */
export function recordFailure(ctx: TransitionContext, t: Transition, failure: NonNullable<MonitorState["failure"]>): Transition {
  const state = { ...t.state, failure, streak: countTowardsAlert(t.state.streak, "failure") };
  return reconcileAlert(ctx, setStatus(ctx, { ...t, state }, "down"));
}

/** A success: the monitor is up (or still running other runs), and it counts towards closing the alert. */
export function recordSuccess(ctx: TransitionContext, t: Transition, status: MonitorStatus): Transition {
  const state = { ...t.state, failure: null, streak: countTowardsAlert(t.state.streak, "success") };
  return reconcileAlert(ctx, setStatus(ctx, { ...t, state }, status));
}

/** Opens or closes the alert when the streak crosses a threshold (failure_threshold, recovery_threshold). */
export function reconcileAlert(ctx: TransitionContext, t: Transition): Transition {
  const action = alertAction(t.state.streak, ctx.config, t.state.alert !== null, ctx.inMaintenance);
  if (action === "close") return closeAlert(ctx, t, "ping");
  if (action === "open" && t.state.failure && t.state.status === "down") return openAlert(ctx, t, t.state.failure.reason);
  return t;
}

function openAlert(ctx: TransitionContext, t: Transition, reason: Alert["reason"]): Transition {
  const alert: Alert = { id: ctx.newAlertId(), monitorId: ctx.config.id, reason, openedAt: ctx.now, closedAt: null, closeReason: null };
  const state = { ...t.state, alert, progress: startProgress(ctx.now) };
  return notifyDue(ctx, { state, events: [...t.events, { type: "alert.opened", alert, at: ctx.now }] });
}

export function closeAlert(ctx: TransitionContext, t: Transition, reason: CloseReason): Transition {
  const { alert } = t.state;
  if (!alert) return t;
  const closed: Alert = { ...alert, closedAt: ctx.now, closeReason: reason };
  const notified = t.state.progress?.notified ?? [];
  const held = heldChannels(t.state.progress);
  const events: MonitorEvent[] = [...t.events, { type: "alert.closed", alert: closed, at: ctx.now }];
  // A channel a snooze kept the opening from is not told of the closing either; the others are, snoozed or not:
  // a receiver told of the opening (a paging platform's incident) must not be left with it open.
  for (const snoozed of [false, true]) {
    const channels = notified.filter((id) => held.has(id) === snoozed);
    if (channels.length > 0)
      events.push({ type: "notify", notice: "alert.closed", alert: closed, channels, at: ctx.now, via: "closed", snoozed });
  }
  return { state: { ...t.state, alert: null, progress: null }, events };
}

/** The channel event a notification is: an opening at the first step, a later step's, or a reminder. */
const viaOf = (n: Notification): ChannelEvent => (n.kind === "reminded" ? "reminder" : n.step === 0 ? "opened" : "escalation");

/**
 * A reminder that fell due inside a maintenance window is dropped, not sent late at its end (the channels
 * already know; Uptime Kuma issue 7148 is the complaint about that re-notification): the next one counts
 * from now.
 */
function dropReminderFromWindow(ctx: TransitionContext, progress: AlertProgress): AlertProgress {
  const reminder = nextReminderAt(ctx.config, progress.lastRemindedAt);
  if (reminder === null || reminder > ctx.now || activeWindow(windowsOf(ctx.config), reminder) === null) return progress;
  return { ...progress, lastRemindedAt: ctx.now };
}

/**
 * Escalation steps and reminders that are due while the alert stays open, and the openings a snooze held
 * back once it is over. Inside a maintenance window they wait for its end (`nextWakeAt`): then a step still
 * due tells its channels (they never heard of the alert), and a reminder that fell inside the window is
 * dropped. While snoozed, every notice is marked so (recorded, not sent), and the openings are held.
 */
export function notifyDue(ctx: TransitionContext, t: Transition): Transition {
  const { alert } = t.state;
  if (!alert || !t.state.progress || ctx.inMaintenance) return t;
  const released = releaseHeld(ctx.config, alert, dropReminderFromWindow(ctx, t.state.progress), ctx.now);
  const due = dueNotifications(ctx.config, alert.openedAt, released.progress, ctx.now);
  const snoozed = isSnoozed(ctx.config, ctx.now);
  const notices = due.notifications.map(
    (n): MonitorEvent => ({
      type: "notify",
      notice: n.kind === "opened" ? "alert.opened" : "alert.reminder",
      alert,
      channels: n.channels,
      at: ctx.now,
      via: viaOf(n),
      snoozed,
    }),
  );
  const held = snoozed
    ? due.notifications.flatMap((n) => (n.kind === "opened" ? n.channels.map((channel) => ({ channel, via: viaOf(n) as HeldVia })) : []))
    : [];
  const progress = holdOpenings(due.progress, held);
  return { state: { ...t.state, progress }, events: [...t.events, ...released.events, ...notices] };
}
