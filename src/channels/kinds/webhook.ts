import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { generateWebhookSecret, signWebhook } from "../../transports/standard-webhooks";
import { channelName, MASKED_MESSAGE, notMasked } from "../fields";
import { defineChannel } from "../kind";
import { maskSecret, maskWhole } from "../masks";
import type { DeliveryContext } from "../types";

/** RFC 9110 `token`: what fetch accepts as a header name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Headers lubdub sets itself (the body's type and length, the signature) or the connection owns. */
const RESERVED_HEADERS = /^(content-type|content-length|host|connection|transfer-encoding|webhook-(id|timestamp|signature))$/i;
/** Printable ASCII and tabs only: CR, LF or NUL would split the request, and fetch refuses them at every send. */
const headerValue = z
  .string()
  .max(1000)
  .regex(/^[\t\x20-\x7e]*$/, "header values must be printable ASCII: no CR, LF, NUL or other control characters")
  .refine(notMasked, MASKED_MESSAGE);

/** Checked per header, so the error names it: `headers.X-Api-Key`. */
const customHeaders = z.record(z.string(), headerValue).superRefine((headers, ctx) => {
  const names = Object.keys(headers);
  if (names.length > 20) ctx.addIssue({ code: "custom", message: "at most 20 headers" });
  for (const name of names.filter((n) => !HEADER_NAME.test(n))) {
    ctx.addIssue({ code: "custom", path: [name], message: "header names are 1-100 letters, digits or !#$%&'*+-.^_`|~ (an HTTP token)" });
  }
  for (const name of names.filter((n) => RESERVED_HEADERS.test(n))) {
    ctx.addIssue({ code: "custom", path: [name], message: "lubdub sets this header itself (content-type, host, webhook-*...)" });
  }
  const lower = names.map((n) => n.toLowerCase());
  for (const name of names.filter((n, i) => lower.indexOf(n.toLowerCase()) !== i)) {
    ctx.addIssue({ code: "custom", path: [name], message: "the same header is given twice (names are case-insensitive)" });
  }
});

const webhookChannelInput = z.strictObject({
  type: z.literal("webhook"),
  name: channelName,
  url: z.url({ protocol: /^https?$/ }).max(2048),
  /** Standard Webhooks secret, `whsec_<base64>`; generated when absent. */
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, "secret must be whsec_ followed by base64 of at least 24 bytes")
    .optional(),
  headers: customHeaders.optional(),
});

const webhookConfig = z.object({
  type: z.literal("webhook"),
  url: z.string(),
  secret: z.string(),
  headers: z.record(z.string(), z.string()).default({}),
});
type WebhookChannelConfig = z.output<typeof webhookConfig>;

/** The generic webhook: our own JSON event, signed. Pure apart from the HMAC. A test event says so with `"test": true`. */
async function buildWebhookRequest(
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

export const webhook = defineChannel({
  type: "webhook",
  docs: {
    config: "`url`, `secret`?, `headers`?",
    sends: "The JSON event below, signed (Standard Webhooks).",
  },
  input: webhookChannelInput,
  stored: webhookConfig,
  fromInput: (input) => ({
    type: "webhook",
    url: input.url,
    secret: input.secret ?? generateWebhookSecret(),
    headers: input.headers ?? {},
  }),
  userUrls: ["url"],
  secrets: { secret: maskSecret, headers: { mask: maskWhole, map: true } },
  permanentStatuses: [404, 410],
  build: buildWebhookRequest,
});
