import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskToken } from "../masks";
import { alertDetails, alertMessage, truncate } from "../message";
import type { DeliveryContext } from "../types";

const PAGERDUTY_SEVERITIES = ["critical", "error", "warning", "info"] as const;

const pagerdutyConfig = z.object({
  type: z.literal("pagerduty"),
  routing_key: z.string(),
  severity: z.enum(PAGERDUTY_SEVERITIES),
});
type PagerDutyChannelConfig = z.output<typeof pagerdutyConfig>;

const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

/** `payload.summary` is limited to 1024 characters. */
const SUMMARY_MAX = 1024;

/**
 * Events API v2. The alert id is the `dedup_key`, so the close resolves exactly the incident the
 * open triggered, and a retried trigger does not open a second one. A resolve carries only the key.
 */
function buildPagerDutyRequest(config: PagerDutyChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
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

export const pagerduty = defineChannel({
  type: "pagerduty",
  docs: {
    config: "`routing_key`, `severity`? (`critical`)",
    sends: "Events API v2: `trigger` on open, `resolve` on close, `dedup_key` = alert id.",
  },
  input: z.strictObject({
    type: z.literal("pagerduty"),
    name: channelName,
    routing_key: z.string().regex(/^[A-Za-z0-9]{32}$/, "routing_key must be the 32-character Events API v2 integration key"),
    severity: z.enum(PAGERDUTY_SEVERITIES).optional(),
  }),
  stored: pagerdutyConfig,
  fromInput: (input) => ({ type: "pagerduty", routing_key: input.routing_key, severity: input.severity ?? "critical" }),
  userUrls: [],
  secrets: { routing_key: maskToken },
  permanentStatuses: [400, 404], // 400: invalid routing key or event
  build: buildPagerDutyRequest,
});
