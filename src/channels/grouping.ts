import { channelKind } from "./registry";
import type { ChannelType } from "./types";

/**
 * The kinds whose one message may list many alerts: chat and push, read by people. Paging kinds (PagerDuty,
 * Opsgenie) are not here: each alert is an incident there, triggered and resolved by its own dedup key, so
 * a grouped trigger would leave all but one alert without an incident to close. The generic webhook is not
 * either: its receivers are programs written for one event per request. A kind that lists alerts says so in
 * its file (`groupsAlerts: true`); these built-in chat kinds are named here only so that this change left
 * their files alone, and move into them with the next edit there.
 */
const BUILT_IN_LISTING_KINDS: readonly ChannelType[] = ["slack", "discord", "teams", "ntfy", "telegram"];

/** Whether a channel of this kind gets a storm as one grouped message (else one message per alert, as always). */
export function groupsAlerts(type: ChannelType): boolean {
  return channelKind(type).groupsAlerts || BUILT_IN_LISTING_KINDS.includes(type);
}
