/**
 * Who hears about an open alert, and when. A monitor's alerting is a list of steps (a flat channel
 * list is one step at 0 s); step N fires only if the alert is still open `after` seconds after it
 * opened. `remindEvery` re-notifies every channel reached so far while the alert stays open.
 */

export interface EscalationStep {
  /** Seconds after the alert opened. */
  after: number;
  channels: string[];
}

export interface AlertingConfig {
  channels: string[];
  escalation: EscalationStep[];
  /** Seconds between reminders while the alert is open; null for none. */
  remindEvery: number | null;
}

/** An opening a snooze held back from a channel: sent when the snooze ends if the alert is still open. */
export interface HeldOpening {
  channel: string;
  via: "opened" | "escalation";
}

/** How far an open alert's notifications have got. */
export interface AlertProgress {
  stepsFired: number;
  /** Every channel the alert reached (its step fired): exactly these are told of the closing. */
  notified: string[];
  lastRemindedAt: number;
  /** Openings held back by the monitor's snooze (domain/snooze.ts), oldest first. */
  held: HeldOpening[];
}

export type Notification = { kind: "opened"; channels: string[]; step: number } | { kind: "reminded"; channels: string[] };

function stepsOf(config: AlertingConfig): EscalationStep[] {
  return config.channels.length > 0 ? [{ after: 0, channels: config.channels }] : config.escalation;
}

export function startProgress(openedAt: number): AlertProgress {
  return { stepsFired: 0, notified: [], lastRemindedAt: openedAt, held: [] };
}

/** The notifications due at `now` for an alert opened at `openedAt`, and the progress after them. */
export function dueNotifications(
  config: AlertingConfig,
  openedAt: number,
  progress: AlertProgress,
  now: number,
): { notifications: Notification[]; progress: AlertProgress } {
  const steps = stepsOf(config);
  const notifications: Notification[] = [];
  let { stepsFired, notified, lastRemindedAt } = progress;
  for (let step = steps[stepsFired]; step && openedAt + step.after * 1000 <= now; step = steps[stepsFired]) {
    const fresh = step.channels.filter((id) => !notified.includes(id));
    if (fresh.length > 0) notifications.push({ kind: "opened", channels: fresh, step: stepsFired });
    notified = [...notified, ...fresh];
    stepsFired++;
  }
  const reminder = nextReminderAt(config, lastRemindedAt);
  if (reminder !== null && reminder <= now) {
    if (notified.length > 0) notifications.push({ kind: "reminded", channels: notified });
    lastRemindedAt = now;
  }
  return { notifications, progress: { ...progress, stepsFired, notified, lastRemindedAt } };
}

export function nextReminderAt(config: AlertingConfig, lastRemindedAt: number): number | null {
  return config.remindEvery ? lastRemindedAt + config.remindEvery * 1000 : null;
}

/** When the next escalation step or reminder is due, or null when none is pending. */
export function nextNotificationAt(config: AlertingConfig, openedAt: number, progress: AlertProgress): number | null {
  const step = stepsOf(config)[progress.stepsFired];
  const times = [step ? openedAt + step.after * 1000 : null, nextReminderAt(config, progress.lastRemindedAt)];
  const pending = times.filter((t): t is number => t !== null);
  return pending.length > 0 ? Math.min(...pending) : null;
}
