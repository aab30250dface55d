/**
 * What becomes of one notice for one channel, decided when the notice is queued: not for this channel
 * (its `events` leave it out: nothing is recorded), held back by the monitor's snooze (`suppressed`),
 * skipped because the channel is failing (`skipped`), or sent. A delivery already queued is never
 * re-routed: it keeps its retries whatever happens to the channel meanwhile.
 */
import type { DeliveryRecord } from "../db/deliveries";
import type { AlertEventPayload } from "../domain/alert-event";
import { ALL_CHANNEL_EVENTS, type ChannelEvent, takesEvent } from "../domain/channel-events";
import { iso } from "../time";
import type { ChannelFacts } from "./channel-cache";

export type Route = "send" | "not-taken" | { status: "suppressed" | "skipped"; reason: string };

/** A channel's facts as the object holds them; null when it does not (routed as taking all, not failing). */
export type ChannelLookup = (channelId: string) => ChannelFacts | null;

export function routeNotice(
  facts: ChannelFacts | null,
  notice: { via: ChannelEvent; snoozed: boolean },
  snoozedUntil: number | null,
): Route {
  if (!takesEvent(facts?.events ?? ALL_CHANNEL_EVENTS, notice.via)) return "not-taken";
  if (notice.snoozed)
    return { status: "suppressed", reason: `not sent: the monitor is snoozed until ${iso(snoozedUntil) ?? "further notice"}` };
  if (facts?.failing)
    return {
      status: "skipped",
      reason: `not sent: the channel is failing (${facts.failing}); a test message that succeeds, or an edit, resumes it`,
    };
  return "send";
}

/** A delivery recorded but never attempted (suppressed or skipped): the log shows what was not sent, and why. */
export const unsentDelivery = (
  id: string,
  channelId: string,
  event: AlertEventPayload,
  route: { status: "suppressed" | "skipped"; reason: string },
  at: number,
): DeliveryRecord => ({
  id,
  alertId: event.alert.id,
  monitorId: event.monitor.id,
  channelId,
  eventType: event.type,
  status: route.status,
  attempts: 0,
  lastStatusCode: null,
  lastError: route.reason,
  nextAttemptAt: null,
  deliveredAt: null,
  payload: JSON.stringify(event),
  createdAt: at,
  updatedAt: at,
});
