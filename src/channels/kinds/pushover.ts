import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskToken } from "../masks";
import { alertMessage, truncate, unixSeconds } from "../message";
import type { DeliveryContext } from "../types";

const pushoverConfig = z.object({ type: z.literal("pushover"), token: z.string(), user_key: z.string(), priority: z.number().int() });
type PushoverChannelConfig = z.output<typeof pushoverConfig>;

/** Pushover's limits: title 250 characters, message 1024, supplementary URL title 100. */
const TITLE_MAX = 250;
const MESSAGE_MAX = 1024;
const URL_TITLE_MAX = 100;
/** An emergency (priority 2) repeats every `retry` seconds until acknowledged or `expire` passes; both required. */
const EMERGENCY = { retry: 60, expire: 3600 } as const;

const pushoverKey = (what: string) => z.string().regex(/^[A-Za-z0-9]{30}$/, `${what} must be 30 letters and digits`);

/**
 * Messages API (https://pushover.net/api): the opening at the channel's priority (default 1, high: sound
 * even in quiet hours), the recovery at 0. Pushover has no way to close a notification, so a recovery is a
 * message of its own.
 */
function buildPushoverRequest(config: PushoverChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const priority = message.kind === "opened" ? config.priority : 0;
  const body: Record<string, unknown> = {
    token: config.token,
    user: config.user_key,
    title: truncate(message.title, TITLE_MAX),
    message: truncate(message.summary ? `${message.text}\n${message.summary}` : message.text, MESSAGE_MAX),
    priority,
    timestamp: unixSeconds(event.occurred_at),
  };
  if (priority === 2) Object.assign(body, EMERGENCY);
  if (message.link) Object.assign(body, { url: message.link, url_title: truncate(message.linkText, URL_TITLE_MAX) });
  return jsonPost("https://api.pushover.net/1/messages.json", body);
}

export const pushover = defineChannel({
  type: "pushover",
  groupsAlerts: true,
  docs: {
    config: "`token` (application), `user_key`, `priority`? (`1`; `2` repeats until acknowledged)",
    sends: "A push at `priority` on open, at 0 on recovery.",
  },
  input: z.strictObject({
    type: z.literal("pushover"),
    name: channelName,
    token: pushoverKey("token (the application's API token)"),
    user_key: pushoverKey("user_key (a user or group key)"),
    priority: z.number().int().min(-2).max(2).optional(),
  }),
  stored: pushoverConfig,
  fromInput: (input) => ({ type: "pushover", token: input.token, user_key: input.user_key, priority: input.priority ?? 1 }),
  userUrls: [],
  secrets: { token: maskToken, user_key: maskToken },
  // Pushover: a 4xx means the request is invalid (bad token or user) and must not be repeated; 429 is its quota.
  permanentStatuses: [400, 401, 403, 404],
  build: buildPushoverRequest,
});
