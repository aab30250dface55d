import { generateWebhookSecret } from "../transports/standard-webhooks";
import type { ChannelConfig, ChannelInput, ChannelPatch } from "./types";

export const DEFAULT_NTFY_SERVER = "https://ntfy.sh";

/** The stored configuration for a new channel: the input minus its name, with every default filled in. */
export function configFromInput(input: ChannelInput): ChannelConfig {
  switch (input.type) {
    case "webhook":
      return { type: "webhook", url: input.url, secret: input.secret ?? generateWebhookSecret(), headers: input.headers ?? {} };
    case "slack":
    case "discord":
    case "teams":
      return { type: input.type, url: input.url };
    case "pagerduty":
      return { type: "pagerduty", routing_key: input.routing_key, severity: input.severity ?? "critical" };
    case "opsgenie":
      return { type: "opsgenie", api_key: input.api_key, region: input.region ?? "us", priority: input.priority ?? "P1" };
    case "ntfy":
      return { type: "ntfy", server: input.server ?? DEFAULT_NTFY_SERVER, topic: input.topic, token: input.token ?? null };
    case "telegram":
      return { type: "telegram", bot_token: input.bot_token, chat_id: input.chat_id };
  }
}

/**
 * Applies a PATCH that was validated by the channel type's own patch schema, so every key it holds
 * is a field of this type. Absent (undefined) fields keep their value; null is kept (it clears ntfy's token).
 */
export function applyConfigPatch(config: ChannelConfig, patch: Omit<ChannelPatch, "name">): ChannelConfig {
  const changes = Object.fromEntries(Object.entries(patch).filter(([key, value]) => key !== "type" && value !== undefined));
  return { ...config, ...changes, type: config.type } as ChannelConfig;
}

/** The user-given URL this channel calls, which must be https unless ALLOW_INSECURE_WEBHOOKS; null for fixed provider APIs. */
export function userGivenUrl(config: ChannelConfig): { field: string; url: string } | null {
  switch (config.type) {
    case "webhook":
    case "slack":
    case "discord":
    case "teams":
      return { field: "url", url: config.url };
    case "ntfy":
      return { field: "server", url: config.server };
    // Named, not `default:`: a new type must say whether it calls a URL its user gives (the URL rules apply).
    case "pagerduty":
    case "opsgenie":
    case "telegram":
      return null;
  }
}
