import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskToken } from "../masks";
import { alertDetails, alertMessage, truncate } from "../message";
import type { DeliveryContext } from "../types";

const OPSGENIE_PRIORITIES = ["P1", "P2", "P3", "P4", "P5"] as const;

const opsgenieConfig = z.object({
  type: z.literal("opsgenie"),
  api_key: z.string(),
  region: z.enum(["us", "eu"]),
  priority: z.enum(OPSGENIE_PRIORITIES),
});
type OpsgenieChannelConfig = z.output<typeof opsgenieConfig>;

/** Field limits of the Alert API: message 130, description 15000, alias 512 characters. */
const MESSAGE_MAX = 130;
const DESCRIPTION_MAX = 15_000;

const opsgenieApiBase = (region: OpsgenieChannelConfig["region"]): string =>
  region === "eu" ? "https://api.eu.opsgenie.com" : "https://api.opsgenie.com";

/**
 * Alert API v2. The alert id is the `alias`: Opsgenie deduplicates open alerts by alias, and the
 * close addresses the alert by it (`identifierType=alias`), so we never need Opsgenie's own id.
 */
function buildOpsgenieRequest(config: OpsgenieChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const base = opsgenieApiBase(config.region);
  const auth = { authorization: `GenieKey ${config.api_key}` };
  const message = alertMessage(event, context);
  if (event.type === "alert.closed") {
    const url = `${base}/v2/alerts/${encodeURIComponent(event.alert.id)}/close?identifierType=alias`;
    return jsonPost(url, { source: "lubdub", note: message.text }, auth);
  }
  const description = [message.text, message.summary, message.link].filter((part) => part).join("\n\n");
  return jsonPost(
    `${base}/v2/alerts`,
    {
      message: truncate(message.text, MESSAGE_MAX),
      alias: event.alert.id,
      description: truncate(description, DESCRIPTION_MAX),
      priority: config.priority,
      source: "lubdub",
      details: alertDetails(event),
      // Opsgenie's own tags: its alert list filters by them, as lubdub's does.
      ...(event.monitor.tags.length > 0 ? { tags: event.monitor.tags } : {}),
    },
    auth,
  );
}

export const opsgenie = defineChannel({
  type: "opsgenie",
  docs: {
    config: "`api_key`, `region`? (`us`\\|`eu`), `priority`? (`P1`)",
    sends: "Alert API: create with `alias` = alert id, close by alias.",
  },
  input: z.strictObject({
    type: z.literal("opsgenie"),
    name: channelName,
    api_key: z.string().regex(/^[A-Za-z0-9-]{20,64}$/, "api_key must be an Opsgenie API integration key"),
    region: z.enum(["us", "eu"]).optional(),
    priority: z.enum(OPSGENIE_PRIORITIES).optional(),
  }),
  stored: opsgenieConfig,
  fromInput: (input) => ({ type: "opsgenie", api_key: input.api_key, region: input.region ?? "us", priority: input.priority ?? "P1" }),
  userUrls: [],
  secrets: { api_key: maskToken },
  permanentStatuses: [401, 403, 404, 422], // bad or unauthorised API key, invalid request
  build: buildOpsgenieRequest,
});
