import type { AlertEventPayload } from "../domain/alert-event";
import type { ChannelConfig, DeliveryContext, OutboundRequest } from "./types";
import { buildWebhookRequest } from "./webhook";

/** The one place that knows every channel type: turns an event into the request its receiver expects. */
export function buildChannelRequest(config: ChannelConfig, event: AlertEventPayload, context: DeliveryContext): Promise<OutboundRequest> {
  switch (config.type) {
    case "webhook":
      return buildWebhookRequest(config, event, context);
  }
}

/** Plain http is for local development only, unless the deployment opts in. */
export function isUrlAllowed(url: string, env: Pick<Env, "ALLOW_INSECURE_WEBHOOKS">): boolean {
  return url.startsWith("https://") || (env.ALLOW_INSECURE_WEBHOOKS === "true" && url.startsWith("http://"));
}
