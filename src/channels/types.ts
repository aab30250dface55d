import type { OPSGENIE_PRIORITIES, PAGERDUTY_SEVERITIES } from "./schemas";

// The input schemas live in schemas.ts; re-exported here because the rest of the app imports types from here.
export { type ChannelInput, type ChannelPatch, type ChannelType, channelInput, channelPatchInput, webhookChannelInput } from "./schemas";

/** What is stored: the input without its name (a column of its own), with defaults filled in. */
export interface WebhookChannelConfig {
  type: "webhook";
  url: string;
  secret: string;
  headers: Record<string, string>;
}

/** Slack incoming webhook; the URL embeds the token. */
export interface SlackChannelConfig {
  type: "slack";
  url: string;
}

/** Discord channel webhook; the URL embeds the token. */
export interface DiscordChannelConfig {
  type: "discord";
  url: string;
}

/** Teams "Workflows" (Power Automate) webhook; the URL embeds a signature. */
export interface TeamsChannelConfig {
  type: "teams";
  url: string;
}

export interface PagerDutyChannelConfig {
  type: "pagerduty";
  routing_key: string;
  severity: (typeof PAGERDUTY_SEVERITIES)[number];
}

export interface OpsgenieChannelConfig {
  type: "opsgenie";
  api_key: string;
  region: "us" | "eu";
  priority: (typeof OPSGENIE_PRIORITIES)[number];
}

export interface NtfyChannelConfig {
  type: "ntfy";
  server: string;
  topic: string;
  token: string | null;
}

export interface TelegramChannelConfig {
  type: "telegram";
  bot_token: string;
  chat_id: string;
}

export type ChannelConfig =
  | WebhookChannelConfig
  | SlackChannelConfig
  | DiscordChannelConfig
  | TeamsChannelConfig
  | PagerDutyChannelConfig
  | OpsgenieChannelConfig
  | NtfyChannelConfig
  | TelegramChannelConfig;

/** A request a transport is about to send. Built by pure functions, sent by `transports/http.ts`. */
export interface OutboundRequest {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
  /**
   * Statuses with which this receiver says the channel itself is broken (gone, bad key): no retry,
   * the channel is marked failing. Every other non-2xx is retried. Default: 404 and 410.
   */
  permanentStatuses?: readonly number[];
  /** The channel's secret values: redacted from whatever the receiver answers before it is kept or shown. */
  secrets?: readonly string[];
}

export interface DeliveryContext {
  /** Stable across retries of one event: the receiver's deduplication key (`webhook-id`). */
  messageId: string;
  /** When this attempt is made, ms since the epoch. */
  now: number;
  /** Public origin of this lubdub (PUBLIC_BASE_URL), for links back to the monitor; null when unset. */
  publicBaseUrl: string | null;
  /** Set by `POST /channels/:id/test`: the message says loudly that it is a test. */
  test?: boolean;
}
