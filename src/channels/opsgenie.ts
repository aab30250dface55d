import type { AlertEventPayload } from "../domain/alert-event";
import { jsonPost } from "./json";
import { alertDetails, alertMessage, truncate } from "./message";
import type { DeliveryContext, OpsgenieChannelConfig, OutboundRequest } from "./types";

/** Field limits of the Alert API: message 130, description 15000, alias 512 characters. */
const MESSAGE_MAX = 130;
const DESCRIPTION_MAX = 15_000;

export const opsgenieApiBase = (region: OpsgenieChannelConfig["region"]): string =>
  region === "eu" ? "https://api.eu.opsgenie.com" : "https://api.opsgenie.com";

/**
 * Alert API v2. The alert id is the `alias`: Opsgenie deduplicates open alerts by alias, and the
 * close addresses the alert by it (`identifierType=alias`), so we never need Opsgenie's own id.
 */
export function buildOpsgenieRequest(config: OpsgenieChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
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
    },
    auth,
  );
}
