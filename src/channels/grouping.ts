import { channelKind } from "./registry";
import type { ChannelType } from "./types";

/**
 * Whether a channel of this kind gets a storm as one grouped message (else one message per alert, as always):
 * the kind says so in its file (`groupsAlerts: true`), as chat and push kinds read by people do. Paging kinds
 * (PagerDuty, Opsgenie, ilert, AlertOps, Splunk On-Call) do not: each alert is an incident there, triggered and
 * resolved by its own dedup key, so a grouped trigger would leave all but one alert without an incident to
 * close. The generic and templated webhooks do not either: their receivers are programs written for one event
 * per request. Email and SMS keep one message per alert too (their builders do not list a group yet).
 */
export function groupsAlerts(type: ChannelType): boolean {
  return channelKind(type).groupsAlerts;
}
