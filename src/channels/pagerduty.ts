import type { AlertEventPayload } from "../domain/alert-event";
import { jsonPost } from "./json";
import { alertDetails, alertMessage, truncate } from "./message";
import type { DeliveryContext, OutboundRequest, PagerDutyChannelConfig } from "./types";

export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

/** `payload.summary` is limited to 1024 characters. */
const SUMMARY_MAX = 1024;

/**
 * Events API v2. The alert id is the `dedup_key`, so the close resolves exactly the incident the
 * open triggered, and a retried trigger does not open a second one. A resolve carries only the key.
 */
export function buildPagerDutyRequest(config: PagerDutyChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const base = { routing_key: config.routing_key, dedup_key: event.alert.id };
  if (event.type === "alert.closed") return jsonPost(PAGERDUTY_EVENTS_URL, { ...base, event_action: "resolve" });
  const message = alertMessage(event, context);
  const body: Record<string, unknown> = {
    ...base,
    event_action: "trigger",
    payload: {
      summary: truncate(message.text, SUMMARY_MAX),
      source: "lubdub",
      severity: config.severity,
      timestamp: event.occurred_at,
      custom_details: alertDetails(event),
    },
  };
  if (message.link) body.links = [{ href: message.link, text: message.linkText }];
  return jsonPost(PAGERDUTY_EVENTS_URL, body);
}
