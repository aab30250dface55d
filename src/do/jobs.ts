import type { DeliveryRecord } from "../db/deliveries";
import type { StatusUpdate } from "../db/monitors";
import { readStoredValue, writeStored } from "../db/stored/format";
import { type AlertEventPayload, buildAlertEvent } from "../domain/alert-event";
import { type Flip, flipReason } from "../domain/flips";
import {
  type Alert,
  type MonitorConfig,
  type MonitorEvent,
  type MonitorState,
  type MonitorStatus,
  nextDueAt,
  type Transition,
} from "../domain/monitor";
import { newId } from "../ids";
import { type ChannelLookup, type Route, routeNotice, unsentDelivery } from "./delivery-routing";
import { alertEventPayload, DELIVERY_JOB, SYNC_ITEM } from "./outbox-payloads";
import { SYNC_LANE } from "./storage/object-store";

/** Work for the D1 lane: everything D1 learns from a monitor's object. */
export type SyncItem =
  /**
   * The status D1 lists, and its history's row (`change`). `flip` is the stored field name of the
   * update (outbox rows written by older releases use it).
   */
  | { kind: "status"; flip: StatusUpdate; change: FlipChange }
  | { kind: "alert"; alert: Alert }
  | { kind: "delivery"; record: DeliveryRecord }
  | { kind: "channel_failing"; channelId: string; reason: string; at: number }
  /** The object changed its own configuration (a ping resumed a paused monitor). */
  | { kind: "config"; config: MonitorConfig };

/** What a flip adds to the status update it is recorded with (the rest is the update's). */
export type FlipChange = Pick<Flip, "id" | "from" | "reason" | "alertId">;

/** Work for a channel's lane: one event to send. */
export interface DeliveryJob {
  record: DeliveryRecord;
  event: AlertEventPayload;
}

export interface NewJob {
  id: string;
  lane: string;
  /** A SyncItem or a DeliveryJob, stored with its format's version. */
  payload: string;
  at: number;
}

export function syncJob(item: SyncItem, at: number): NewJob {
  return { id: newId("evt"), lane: SYNC_LANE, payload: writeStored(SYNC_ITEM, item), at };
}

/** A delivery of `event` to `channelId`, pending and never tried, as the outbox holds it before its first attempt. */
export const pendingDelivery = (id: string, channelId: string, event: AlertEventPayload, at: number): DeliveryRecord => ({
  id,
  alertId: event.alert.id,
  monitorId: event.monitor.id,
  channelId,
  eventType: event.type,
  status: "pending",
  attempts: 0,
  lastStatusCode: null,
  lastError: null,
  nextAttemptAt: at,
  deliveredAt: null,
  payload: JSON.stringify(event),
  createdAt: at,
  updatedAt: at,
});

const deliveryJob = (job: DeliveryJob, at: number): NewJob => ({
  id: job.record.id,
  lane: job.record.channelId,
  payload: writeStored(DELIVERY_JOB, job),
  at,
});

function deliveryJobs(event: AlertEventPayload, channelId: string, at: number): NewJob[] {
  const record = pendingDelivery(newId("dlv"), channelId, event, at);
  return [syncJob({ kind: "delivery", record }, at), deliveryJob({ record, event }, at)];
}

/** A notice's jobs for one channel, as routed (delivery-routing.ts): a delivery, a record of one not sent, or nothing. */
function noticeJobs(event: AlertEventPayload, channelId: string, route: Route, at: number): NewJob[] {
  if (route === "send") return deliveryJobs(event, channelId, at);
  if (route === "not-taken") return [];
  return [syncJob({ kind: "delivery", record: unsentDelivery(newId("dlv"), channelId, event, route, at) }, at)];
}

/** A delivery sent again by hand after its job left the outbox: the event is the one its record kept. */
export const requeuedDeliveryJob = (record: DeliveryRecord, at: number): NewJob =>
  deliveryJob({ record, event: readStoredValue("delivery event", alertEventPayload, record.payload) }, at);

/**
 * Whether D1 must be told of a change to `to`, given the status it was last sent. A run on a monitor D1
 * lists as up (up → running → up) is not worth two D1 writes per run: the list keeps showing `up`, and
 * the monitor's own view (GET /monitors/:id) shows `running` live. Every other change is sent, so a run
 * that starts from new, late or down ends with D1 told `up`, not left at `running`.
 */
export const listedChange = (listed: MonitorStatus | null, to: MonitorStatus) => !(listed === "up" && (to === "running" || to === "up"));

/** What the transition's status changes share: the status D1 listed before, and the alert it opened or closed. */
interface FlipContext {
  listedBefore: MonitorStatus | null;
  alertId: string | null;
}

/** What the object looks up only when a notice needs it: a channel's routing facts, the last ping's text body. */
export interface NoticeLookups {
  channels: ChannelLookup;
  lastPingBody: () => string | null;
}

function jobsForEvent(
  config: MonitorConfig,
  state: MonitorState,
  event: MonitorEvent,
  at: number,
  flip: FlipContext,
  { channels, lastPingBody }: NoticeLookups,
): NewJob[] {
  switch (event.type) {
    case "status.changed": {
      const update: StatusUpdate = {
        monitorId: config.id,
        status: event.to,
        at: event.at,
        lastPingAt: state.lastPingAt,
        nextDueAt: nextDueAt(config, state),
        lastDurationMs: state.lastDurationMs,
      };
      const change: FlipChange = {
        id: newId("flp"),
        from: flip.listedBefore ?? event.from,
        reason: flipReason(event.to, state),
        alertId: flip.alertId,
      };
      return [syncJob({ kind: "status", flip: update, change }, at)];
    }
    case "alert.opened":
    case "alert.closed":
      return [syncJob({ kind: "alert", alert: event.alert }, at)];
    case "notify": {
      const payload = buildAlertEvent({ type: event.notice, alert: event.alert, at: event.at }, config, state, lastPingBody());
      return event.channels.flatMap((id) => noticeJobs(payload, id, routeNotice(channels(id), event, config.snoozedUntil), at));
    }
  }
}

/** The alert a transition opened or closed (at most one of each: a pause closes, a miss opens). */
function alertChanged(events: MonitorEvent[]): string | null {
  for (const event of events) if (event.type === "alert.opened" || event.type === "alert.closed") return event.alert.id;
  return null;
}

/**
 * The status change of a transition that D1 is told, if any: the last it lists (see `listedChange`).
 * A transition's changes share one instant, so earlier ones (a ping resuming a paused monitor goes
 * paused → new → up) lasted no time: D1 learns the end, as one flip from the status it listed before.
 */
function listedEnd(listedBefore: MonitorStatus | null, events: MonitorEvent[]): MonitorEvent | null {
  let listed = listedBefore;
  let last: MonitorEvent | null = null;
  for (const event of events) {
    if (event.type !== "status.changed" || !listedChange(listed, event.to)) continue;
    listed = event.to;
    last = event;
  }
  return listed === listedBefore ? null : last;
}

/**
 * The outbox jobs a transition causes: D1 learns of the status change it lists (see `listedEnd`),
 * recorded as a flip, and of every alert; every notice becomes one delivery per channel it names, as
 * `channels` routes it (its events, the monitor's snooze, a failing channel: delivery-routing.ts).
 * Returns the state to store, which remembers the status D1 was sent.
 */
export function jobsForTransition(
  config: MonitorConfig,
  transition: Transition,
  at: number,
  lookups: NoticeLookups,
): { jobs: NewJob[]; state: MonitorState } {
  const { state } = transition;
  const listedBefore = state.listedStatus;
  const end = listedEnd(listedBefore, transition.events);
  const flip = { listedBefore, alertId: alertChanged(transition.events) };
  const jobs = transition.events
    .filter((event) => event.type !== "status.changed" || event === end)
    .flatMap((event) => jobsForEvent(config, state, event, at, flip, lookups));
  const listed = end?.type === "status.changed" ? end.to : listedBefore;
  return { jobs, state: listed === listedBefore ? state : { ...state, listedStatus: listed } };
}
