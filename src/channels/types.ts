import { z } from "zod";

const name = z.string().trim().min(1).max(200);
const headerName = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "header names are letters, digits and '-'");
const reservedHeaders = /^(content-type|content-length|host|webhook-(id|timestamp|signature))$/i;

export const webhookChannelInput = z.strictObject({
  type: z.literal("webhook"),
  name,
  url: z.url({ protocol: /^https?$/ }).max(2048),
  /** Standard Webhooks secret, `whsec_<base64>`; generated when absent. */
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, "secret must be whsec_ followed by base64 of at least 24 bytes")
    .optional(),
  headers: z
    .record(headerName, z.string().max(1000))
    .refine((h) => Object.keys(h).length <= 20, "at most 20 headers")
    .refine((h) => !Object.keys(h).some((k) => reservedHeaders.test(k)), "headers may not override content-type, host or webhook-*")
    .optional(),
});

export const channelInput = z.discriminatedUnion("type", [webhookChannelInput]);
export type ChannelInput = z.infer<typeof channelInput>;
export type ChannelType = ChannelInput["type"];

/** What is stored: the input without its name (a column of its own), with defaults filled in. */
export interface WebhookChannelConfig {
  type: "webhook";
  url: string;
  secret: string;
  headers: Record<string, string>;
}
export type ChannelConfig = WebhookChannelConfig;

/** A request a transport is about to send. Built by pure functions, sent by `transports/http.ts`. */
export interface OutboundRequest {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
}

export interface DeliveryContext {
  /** Stable across retries of one event: the receiver's deduplication key (`webhook-id`). */
  messageId: string;
  /** When this attempt is made, ms since the epoch. */
  now: number;
  /** Public origin of this lubdub (PUBLIC_BASE_URL), for links back to the monitor; null when unset. */
  publicBaseUrl: string | null;
}
