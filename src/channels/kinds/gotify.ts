import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName, receiverUrl } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskToken } from "../masks";
import { alertMessage } from "../message";
import type { DeliveryContext } from "../types";

const gotifyConfig = z.object({ type: z.literal("gotify"), server: z.string(), token: z.string(), priority: z.number().int() });
type GotifyChannelConfig = z.output<typeof gotifyConfig>;

/** Gotify's clients treat 8 and above as high (sound and pop-up on Android); the recovery is a normal 4. */
const RECOVERY_PRIORITY = 4;

/**
 * Push a message to an application (https://gotify.net/api-docs#/message/createMessage): the app token in
 * `X-Gotify-Key` rather than the query, so it stays out of proxies' logs; plain text, and a click-through to
 * the monitor (https://gotify.net/docs/msgextras).
 */
function buildGotifyRequest(config: GotifyChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const extras: Record<string, unknown> = { "client::display": { contentType: "text/plain" } };
  if (message.link) extras["client::notification"] = { click: { url: message.link } };
  const body = {
    title: message.title,
    message: message.summary ? `${message.text}\n${message.summary}` : message.text,
    priority: message.kind === "opened" ? config.priority : RECOVERY_PRIORITY,
    extras,
  };
  return jsonPost(`${config.server.replace(/\/+$/, "")}/message`, body, { "x-gotify-key": config.token });
}

export const gotify = defineChannel({
  type: "gotify",
  groupsAlerts: true,
  docs: {
    config: "`server`, `token` (application), `priority`? (`8`)",
    sends: "A message at `priority` on open, 4 on recovery, linking to the monitor.",
  },
  input: z.strictObject({
    type: z.literal("gotify"),
    name: channelName,
    server: receiverUrl("your Gotify server, e.g. https://gotify.example.com"),
    token: z.string().regex(/^[A-Za-z0-9._-]{10,64}$/, "token must be a Gotify application token"),
    priority: z.number().int().min(0).max(10).optional(),
  }),
  stored: gotifyConfig,
  fromInput: (input) => ({ type: "gotify", server: input.server, token: input.token, priority: input.priority ?? 8 }),
  userUrls: ["server"],
  secrets: { token: maskToken },
  // 401 no token, 403 a token that is not an application's (revoked or a client token).
  permanentStatuses: [401, 403],
  build: buildGotifyRequest,
});
