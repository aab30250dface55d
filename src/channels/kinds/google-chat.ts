import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName, receiverUrl } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskUrl } from "../masks";
import { alertMessage, fitEscaped } from "../message";
import type { DeliveryContext } from "../types";

const googleChatConfig = z.object({ type: z.literal("google_chat"), url: z.string() });
/** A Google Chat space's incoming webhook; its URL carries the key and token. */
type GoogleChatChannelConfig = z.output<typeof googleChatConfig>;

/** A text message may be 32,000 bytes; characters are counted here, so stay well under. */
const TEXT_MAX = 4000;

/** Google Chat text formatting reads `<url|label>` links and `*bold*`: escape the three HTML characters. */
const escapeChat = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A webhook message in the alert's own thread: the opening starts a thread keyed by the alert id, the
 * closing replies in it, so the outage and its recovery read as one conversation. REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD
 * keeps the message if the thread cannot be found (a space without threads).
 * https://developers.google.com/workspace/chat/quickstart/webhooks and
 * https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/create#messagereplyoption
 */
function buildGoogleChatRequest(config: GoogleChatChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const link = message.link ? `\n<${message.link}|${escapeChat(message.linkText)}>` : "";
  const head = `*${fitEscaped(message.text, TEXT_MAX - link.length - 2, escapeChat)}*`;
  const room = TEXT_MAX - link.length - head.length - 1;
  const summary = message.summary && room > 1 ? `\n${fitEscaped(message.summary, room, escapeChat)}` : "";
  const url = new URL(config.url);
  url.searchParams.set("messageReplyOption", "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD");
  return jsonPost(url.toString(), { text: head + summary + link, thread: { threadKey: `lubdub-${event.alert.id}` } });
}

export const googleChat = defineChannel({
  type: "google_chat",
  groupsAlerts: true,
  docs: {
    config: "`url` (space webhook)",
    sends: "A text message; the closing replies in the opening's thread.",
  },
  input: z.strictObject({
    type: z.literal("google_chat"),
    name: channelName,
    url: receiverUrl("the Google Chat space's webhook URL (https://chat.googleapis.com/v1/spaces/...)"),
  }),
  stored: googleChatConfig,
  fromInput: (input) => ({ type: "google_chat", url: input.url }),
  userUrls: ["url"],
  secrets: { url: maskUrl },
  // 400 "API key not valid", 403 the webhook's app removed from the space, 404 no such space.
  permanentStatuses: [400, 401, 403, 404],
  build: buildGoogleChatRequest,
});
