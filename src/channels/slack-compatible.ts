import { z } from "zod";
import type { AlertEventPayload } from "../domain/alert-event";
import type { OutboundRequest } from "../transports/http";
import { channelName, receiverUrl } from "./fields";
import { jsonPost } from "./json";
import { defineChannel } from "./kind";
import { escapeMarkdown } from "./markdown";
import { maskUrl } from "./masks";
import { alertMessage, COLORS, fitEscaped, truncate } from "./message";
import type { DeliveryContext } from "./types";

/** Mattermost posts are limited to 16,383 characters; Rocket.Chat's default limit is 5,000. Keep under both. */
const TEXT_MAX = 4000;

/**
 * The incoming-webhook message Mattermost and Rocket.Chat both accept (Slack's older format, without
 * Block Kit, which neither renders): the sentence in bold Markdown, and one attachment with the colour bar,
 * the summary and the link back. Both render Markdown, so every value is escaped.
 * https://developers.mattermost.com/integrate/webhooks/incoming/ and
 * https://docs.rocket.chat/docs/integrations (incoming webhook: text, attachments[].title/title_link/text/color)
 */
function buildSlackCompatibleRequest(url: string, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const attachment: Record<string, unknown> = { fallback: truncate(message.text, TEXT_MAX), color: COLORS[message.kind] };
  if (message.summary) attachment.text = fitEscaped(message.summary, TEXT_MAX, escapeMarkdown);
  if (message.link) {
    attachment.title = message.linkText;
    attachment.title_link = message.link;
  }
  return jsonPost(url, { text: `**${fitEscaped(message.text, TEXT_MAX - 4, escapeMarkdown)}**`, attachments: [attachment] });
}

/**
 * A kind for a Slack-compatible chat server (its own kind, not `slack`, so users find it by name): a
 * webhook URL that is the secret, and the message above.
 */
export function slackCompatibleKind<T extends string>(type: T, urlHelp: string) {
  return defineChannel({
    type,
    groupsAlerts: true,
    docs: {
      config: "`url` (incoming webhook)",
      sends: "Bold Markdown sentence and a red/green attachment (Slack-compatible format).",
    },
    input: z.strictObject({ type: z.literal(type), name: channelName, url: receiverUrl(urlHelp) }),
    stored: z.object({ type: z.literal(type), url: z.string() }),
    fromInput: (input) => ({ type, url: input.url }),
    userUrls: ["url"],
    secrets: { url: maskUrl },
    // A deleted or disabled hook: 403 (integrations off) or 404 (no such hook); 410 as every receiver's "gone".
    permanentStatuses: [401, 403, 404, 410],
    build: (config, event, context) => buildSlackCompatibleRequest(config.url, event, context),
  });
}
