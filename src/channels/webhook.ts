import type { AlertEventPayload } from "../domain/alert-event";
import { signWebhook } from "../transports/standard-webhooks";
import type { DeliveryContext, OutboundRequest, WebhookChannelConfig } from "./types";

/** The generic webhook: our own JSON event, signed. Pure apart from the HMAC. A test event says so with `"test": true`. */
export async function buildWebhookRequest(
  channel: WebhookChannelConfig,
  payload: AlertEventPayload,
  context: DeliveryContext,
): Promise<OutboundRequest> {
  const body = JSON.stringify(context.test ? { ...payload, test: true } : payload);
  const timestamp = Math.floor(context.now / 1000);
  // Lower-cased so a custom "User-Agent" replaces ours instead of being joined to it ("a, b").
  const custom = Object.fromEntries(Object.entries(channel.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    url: channel.url,
    method: "POST",
    headers: {
      "user-agent": "lubdub-webhooks/1",
      ...custom,
      "content-type": "application/json",
      "webhook-id": context.messageId,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": await signWebhook(channel.secret, context.messageId, timestamp, body),
    },
    body,
  };
}
