import type { AlertEventPayload } from "../domain/alert-event";
import { buildDiscordRequest } from "./discord";
import { buildNtfyRequest } from "./ntfy";
import { buildOpsgenieRequest } from "./opsgenie";
import { buildPagerDutyRequest } from "./pagerduty";
import { buildSlackRequest } from "./slack";
import { buildTeamsRequest } from "./teams";
import { buildTelegramRequest } from "./telegram";
import type { ChannelConfig, DeliveryContext, OutboundRequest } from "./types";
import { buildWebhookRequest } from "./webhook";

/** The one place that knows every channel type: turns an event into the request its receiver expects. */
export async function buildChannelRequest(
  config: ChannelConfig,
  event: AlertEventPayload,
  context: DeliveryContext,
): Promise<OutboundRequest> {
  switch (config.type) {
    case "webhook":
      return buildWebhookRequest(config, event, context);
    case "slack":
      return buildSlackRequest(config, event, context);
    case "discord":
      return buildDiscordRequest(config, event, context);
    case "teams":
      return buildTeamsRequest(config, event, context);
    case "pagerduty":
      return buildPagerDutyRequest(config, event, context);
    case "opsgenie":
      return buildOpsgenieRequest(config, event, context);
    case "ntfy":
      return buildNtfyRequest(config, event, context);
    case "telegram":
      return buildTelegramRequest(config, event, context);
  }
}

/** Plain http is for local development only, unless the deployment opts in. */
export function isUrlAllowed(url: string, env: Pick<Env, "ALLOW_INSECURE_WEBHOOKS">): boolean {
  return url.startsWith("https://") || (env.ALLOW_INSECURE_WEBHOOKS === "true" && url.startsWith("http://"));
}
