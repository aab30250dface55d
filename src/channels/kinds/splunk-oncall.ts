import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskToken } from "../masks";
import { alertMessage, truncate, unixSeconds } from "../message";
import type { DeliveryContext } from "../types";

const splunkOncallConfig = z.object({
  type: z.literal("splunk_oncall"),
  api_key: z.string(),
  routing_key: z.string(),
});
type SplunkOncallChannelConfig = z.output<typeof splunkOncallConfig>;

/**
 * Splunk On-Call's (VictorOps') REST endpoint integration: the integration's key and the routing key are
 * the last two path segments of the URL it shows ("…/alert/<api key>/$routing_key").
 * https://help.splunk.com/splunk-observability-cloud/splunk-on-call/integrations-with-splunk-on-call/rest-endpoint-integration-for-splunk-on-call
 */
const REST_ENDPOINT = "https://alert.victorops.com/integrations/generic/20131114/alert";

const restEndpointUrl = (config: SplunkOncallChannelConfig): string =>
  `${REST_ENDPOINT}/${encodeURIComponent(config.api_key)}/${encodeURIComponent(config.routing_key)}`;

/** The timeline shows `state_message` in full; keep it within what a page shows. */
const STATE_MESSAGE_MAX = 10_000;

/**
 * `entity_id` = the alert id: CRITICAL opens an incident for it (a repeat joins the same incident) and
 * RECOVERY with the same id resolves it. `state_start_time` is when the state began, in Unix seconds.
 */
function buildSplunkOncallRequest(config: SplunkOncallChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const opened = event.type !== "alert.closed";
  const stateMessage = [message.text, opened ? message.summary : null, message.link].filter((part) => part).join("\n\n");
  return jsonPost(restEndpointUrl(config), {
    message_type: opened ? "CRITICAL" : "RECOVERY",
    entity_id: event.alert.id,
    entity_display_name: message.title,
    state_message: truncate(stateMessage, STATE_MESSAGE_MAX),
    state_start_time: unixSeconds(opened ? event.alert.opened_at : event.occurred_at),
    monitoring_tool: "lubdub",
  });
}

export const splunkOncall = defineChannel({
  type: "splunk_oncall",
  docs: {
    config: "`api_key` (REST endpoint), `routing_key`",
    sends: "VictorOps REST endpoint: `CRITICAL` on open, `RECOVERY` on close, `entity_id` = alert id.",
  },
  input: z.strictObject({
    type: z.literal("splunk_oncall"),
    name: channelName,
    api_key: z
      .string()
      .regex(/^[A-Za-z0-9-]{20,64}$/, "api_key must be the REST endpoint's key: the part of its URL between /alert/ and /$routing_key"),
    routing_key: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "routing_key must be a routing key's name (letters, digits, '.', '_', '-')"),
  }),
  stored: splunkOncallConfig,
  fromInput: (input) => ({ type: "splunk_oncall", api_key: input.api_key, routing_key: input.routing_key }),
  userUrls: [],
  secrets: { api_key: maskToken },
  // 400: a body it will never take; 401, 403 and 404: the REST endpoint key is wrong or the integration disabled.
  permanentStatuses: [400, 401, 403, 404],
  build: buildSplunkOncallRequest,
});
