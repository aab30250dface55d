import { maskSecret } from "../transports/standard-webhooks";
import type { ChannelConfig } from "./types";

/** Input schemas refuse values containing this, so a read sent back unchanged cannot overwrite a secret. */
export const MASK = "••••";

/** Enough of a key to tell two apart (its last 4 characters), not enough to use it. */
export function maskToken(token: string): string {
  return token.length >= 16 ? `${MASK}${token.slice(-4)}` : MASK;
}

/** Slack, Discord and Teams URLs carry their token in the path and query: keep only scheme and host. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/${MASK}`;
  } catch {
    return MASK;
  }
}

/** What the API may show of a channel's configuration: secrets masked unless `reveal` (creation only). */
export function publicChannelConfig(config: ChannelConfig, reveal: boolean) {
  const token = (value: string) => (reveal ? value : maskToken(value));
  switch (config.type) {
    case "webhook":
      return {
        url: config.url,
        secret: reveal ? config.secret : maskSecret(config.secret),
        headers: Object.fromEntries(Object.keys(config.headers).map((name) => [name, reveal ? config.headers[name] : MASK])),
      };
    case "slack":
    case "discord":
    case "teams":
      return { url: reveal ? config.url : maskUrl(config.url) };
    case "pagerduty":
      return { routing_key: token(config.routing_key), severity: config.severity };
    case "opsgenie":
      return { api_key: token(config.api_key), region: config.region, priority: config.priority };
    case "ntfy":
      return { server: config.server, topic: config.topic, token: config.token === null ? null : token(config.token) };
    case "telegram":
      return { bot_token: token(config.bot_token), chat_id: config.chat_id };
  }
}
