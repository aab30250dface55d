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
  return {
    url: channel.url,
    method: "POST",
    headers: {
      ...channel.headers,
      "content-type": "application/json",
      "user-agent": "lubdub-webhooks/1",
      "webhook-id": context.messageId,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": await signWebhook(channel.secret, context.messageId, timestamp, body),
    },
    body,
  };
}
