import { z } from "zod";
import { MASK } from "./public";

/**
 * What a client may send to create a channel, one strict schema per type. No `.default()` here:
 * zod 4 applies defaults even inside `.partial()`, which would make a PATCH silently reset fields.
 * Defaults are filled in by `config.ts` at creation instead.
 */

const name = z.string().trim().min(1).max(200);

/** A client that sends a read back unchanged must not store `public.ts`'s mask over the real secret. */
const MASKED_MESSAGE = "this is the masked value shown by the API; send the real value or leave the field out";
const notMasked = (value: string) => !value.includes(MASK) && !value.includes(encodeURI(MASK));
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

/**
 * Any http(s) URL, not just the provider's host: Slack-compatible receivers (Mattermost, Rocket.Chat),
 * proxies and local test receivers must work. Plain http is refused later unless ALLOW_INSECURE_WEBHOOKS.
 */
const receiverUrl = (what: string) =>
  z
    .url({ protocol: /^https?$/, error: `must be an http(s) URL: ${what}` })
    .max(2048)
    .refine(notMasked, MASKED_MESSAGE);

export const webhookChannelInput = z.strictObject({
  type: z.literal("webhook"),
  name,
  url: z.url({ protocol: /^https?$/ }).max(2048),
  /** Standard Webhooks secret, `whsec_<base64>`; generated when absent. */
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, "secret must be whsec_ followed by base64 of at least 24 bytes")
    .optional(),
  headers: customHeaders.optional(),
});

export const slackChannelInput = z.strictObject({
  type: z.literal("slack"),
  name,
  url: receiverUrl("the Slack incoming webhook URL (https://hooks.slack.com/services/...)"),
});

export const discordChannelInput = z.strictObject({
  type: z.literal("discord"),
  name,
  url: receiverUrl("the Discord webhook URL (https://discord.com/api/webhooks/...)"),
});

export const teamsChannelInput = z.strictObject({
  type: z.literal("teams"),
  name,
  url: receiverUrl("the Teams Workflows webhook URL"),
});

export const PAGERDUTY_SEVERITIES = ["critical", "error", "warning", "info"] as const;

export const pagerdutyChannelInput = z.strictObject({
  type: z.literal("pagerduty"),
  name,
  routing_key: z.string().regex(/^[A-Za-z0-9]{32}$/, "routing_key must be the 32-character Events API v2 integration key"),
  severity: z.enum(PAGERDUTY_SEVERITIES).optional(),
});

export const OPSGENIE_PRIORITIES = ["P1", "P2", "P3", "P4", "P5"] as const;

export const opsgenieChannelInput = z.strictObject({
  type: z.literal("opsgenie"),
  name,
  api_key: z.string().regex(/^[A-Za-z0-9-]{20,64}$/, "api_key must be an Opsgenie API integration key"),
  region: z.enum(["us", "eu"]).optional(),
  priority: z.enum(OPSGENIE_PRIORITIES).optional(),
});

export const ntfyChannelInput = z.strictObject({
  type: z.literal("ntfy"),
  name,
  server: receiverUrl("the ntfy server, e.g. https://ntfy.sh").optional(),
  /** ntfy's own rule for topic names. On a public server the topic is the only protection: pick a long one. */
  topic: z.string().regex(/^[-_A-Za-z0-9]{1,64}$/, "topic must be 1-64 letters, digits, '-' or '_'"),
  /** Access token (`tk_...`); null removes it. */
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, "token must be an ntfy access token")
    .nullable()
    .optional(),
});

export const telegramChannelInput = z.strictObject({
  type: z.literal("telegram"),
  name,
  bot_token: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{30,100}$/, "bot_token must look like 123456789:AA... (from @BotFather)"),
  /** A numeric chat id (negative for groups) or @channelusername; stored as a string. */
  chat_id: z
    .union([z.number().int(), z.string().regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{5,64})$/)], {
      error: "chat_id must be a numeric chat id or @channelusername",
    })
    .transform(String),
});

const schemas = {
  webhook: webhookChannelInput,
  slack: slackChannelInput,
  discord: discordChannelInput,
  teams: teamsChannelInput,
  pagerduty: pagerdutyChannelInput,
  opsgenie: opsgenieChannelInput,
  ntfy: ntfyChannelInput,
  telegram: telegramChannelInput,
} as const;

export const channelInput = z.discriminatedUnion("type", [
  webhookChannelInput,
  slackChannelInput,
  discordChannelInput,
  teamsChannelInput,
  pagerdutyChannelInput,
  opsgenieChannelInput,
  ntfyChannelInput,
  telegramChannelInput,
]);
export type ChannelInput = z.output<typeof channelInput>;
export type ChannelType = ChannelInput["type"];

/** PATCH: the same fields, all optional. `type` may be repeated but never changed. */
export function channelPatchInput(type: ChannelType): z.ZodType<ChannelPatch> {
  // Every schema has the same outer shape (type + name + fields), so the loose view is safe here.
  const schema: z.ZodObject = schemas[type];
  return schema
    .omit({ type: true })
    .partial()
    .extend({ type: z.literal(type, { error: `a channel's type cannot change (this one is ${type}); create a new channel` }).optional() });
}
export type ChannelPatch = { name?: string | undefined } & Record<string, unknown>;
