import { iso } from "../time";
import type { Alert, MonitorConfig, MonitorState, NoticeType } from "./monitor";

/** `alert.reminder` repeats an opening while the alert stays open (`remind_every`). */
export type AlertEventType = NoticeType;

/**
 * The event every channel is told about, as the generic webhook sends it. It is built once, when the
 * transition happens, and stored with the delivery: every retry sends the same facts.
 */
export interface AlertEventPayload {
  type: AlertEventType;
  occurred_at: string;
  alert: {
    id: string;
    reason: Alert["reason"];
    opened_at: string;
    closed_at: string | null;
    close_reason: Alert["closeReason"];
  };
  monitor: {
    id: string;
    name: string;
    summary: string | null;
    status: MonitorState["status"];
    /** Seconds between pings, or null for a cron schedule. */
    interval: number | null;
    schedule: string | null;
    timezone: string | null;
    grace: number;
    last_ping_at: string | null;
    /** The monitor's tags when the event happened ([] for none, and in events stored before tags). */
    tags: string[];
    /** Its slug (null for none; absent in events stored before it was added). */
    slug?: string | null;
    /**
     * The start of the last ping's body when it was text (at most LAST_PING_BODY_MAX characters), else null;
     * absent in events stored before it was added. Never the ping URL: its token is a credential.
     */
    last_ping_body?: string | null;
  };
  /**
   * Set only on an alert storm's grouped message (alert-group.ts): every alert it stands for, this
   * event's own first. `alert` and `monitor` are that first alert's.
   */
  group?: AlertGroupPayload;
}

/** The alerts one grouped message lists. */
export interface AlertGroupPayload {
  /** The group message's id: each member's delivery names it. */
  id: string;
  alerts: GroupedAlert[];
}

export interface GroupedAlert {
  id: string;
  reason: Alert["reason"];
  opened_at: string;
  closed_at: string | null;
  monitor: { id: string; name: string };
}

/** The grouped message for `events` (one notice type, in the order they were held), sent as group `groupId`. */
export function groupAlertEvents(groupId: string, events: readonly AlertEventPayload[]): AlertEventPayload {
  const [first] = events;
  if (!first) throw new Error("a group needs at least one event");
  const alerts = events.map(
    (event): GroupedAlert => ({
      id: event.alert.id,
      reason: event.alert.reason,
      opened_at: event.alert.opened_at,
      closed_at: event.alert.closed_at,
      monitor: { id: event.monitor.id, name: event.monitor.name },
    }),
  );
  const last = events.at(-1) ?? first;
  return { ...first, occurred_at: last.occurred_at, group: { id: groupId, alerts } };
}

/** How much of the last ping's body an event carries: enough for a job's last lines, small beside a delivery. */
export const LAST_PING_BODY_MAX = 1000;

export function buildAlertEvent(
  event: { type: AlertEventType; alert: Alert; at: number },
  config: MonitorConfig,
  state: MonitorState,
  lastPingBody: string | null = null,
): AlertEventPayload {
  const { alert } = event;
  return {
    type: event.type,
    occurred_at: iso(event.at),
    alert: {
      id: alert.id,
      reason: alert.reason,
      opened_at: iso(alert.openedAt),
      closed_at: iso(alert.closedAt),
      close_reason: alert.closeReason,
    },
    monitor: {
      id: config.id,
      name: config.name,
      summary: config.summary,
      status: state.status,
      interval: config.schedule.kind === "interval" ? config.schedule.interval : null,
      schedule: config.schedule.kind === "cron" ? config.schedule.cron : null,
      timezone: config.schedule.kind === "cron" ? config.schedule.timezone : null,
      grace: config.grace,
      last_ping_at: iso(state.lastPingAt),
      tags: config.tags,
      slug: config.slug,
      last_ping_body: lastPingBody === null ? null : lastPingBody.slice(0, LAST_PING_BODY_MAX),
    },
  };
}
