import type { AlertEventPayload } from "../domain/alert-event";
import { buildDiscordRequest } from "./discord";
import { buildNtfyRequest } from "./ntfy";
import { buildOpsgenieRequest } from "./opsgenie";
import { buildPagerDutyRequest } from "./pagerduty";
import { channelSecrets } from "./secrets";
import { buildSlackRequest } from "./slack";
import { buildTeamsRequest } from "./teams";
import { buildTelegramRequest } from "./telegram";
import type { ChannelConfig, DeliveryContext, OutboundRequest } from "./types";
import { urlProblem } from "./url-safety";
import { buildWebhookRequest } from "./webhook";

/**
 * What each receiver answers when the channel is broken for good rather than briefly unwell
 * (documented by each provider): retrying those for a day would only hide the problem.
 */
export const PERMANENT_STATUSES: Record<ChannelConfig["type"], readonly number[]> = {
  webhook: [404, 410],
  slack: [403, 404, 410], // invalid_token, no_service / channel_not_found, channel_is_archived
  discord: [401, 403, 404], // invalid webhook token, missing access, unknown webhook
  teams: [404, 410],
  pagerduty: [400, 404], // 400: invalid routing key or event
  opsgenie: [401, 403, 404, 422], // bad or unauthorised API key, invalid request
  ntfy: [401, 403, 404],
  telegram: [400, 401, 403, 404], // chat not found, bad bot token, bot blocked
};

/** The one place that knows every channel type: turns an event into the request its receiver expects. */
export async function buildChannelRequest(
  config: ChannelConfig,
  event: AlertEventPayload,
  context: DeliveryContext,
): Promise<OutboundRequest> {
  const request = await buildForType(config, event, context);
  return { ...request, permanentStatuses: PERMANENT_STATUSES[config.type], secrets: channelSecrets(config) };
}

function buildForType(
  config: ChannelConfig,
  event: AlertEventPayload,
  context: DeliveryContext,
): OutboundRequest | Promise<OutboundRequest> {
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

/**
 * Why this deployment must not call `url`, or null when it may: checked on create, edit and every send.
 * Plain http and private, loopback or link-local targets are for local development only (ALLOW_INSECURE_WEBHOOKS).
 */
export function urlRefusal(url: string, env: Pick<Env, "ALLOW_INSECURE_WEBHOOKS">): string | null {
  return urlProblem(url, { allowInsecure: env.ALLOW_INSECURE_WEBHOOKS === "true" });
}
