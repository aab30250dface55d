import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName, receiverUrl } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskUrl } from "../masks";
import { alertMessage, COLORS, fitEscaped, unixSeconds } from "../message";
import type { DeliveryContext } from "../types";

const slackConfig = z.object({ type: z.literal("slack"), url: z.string() });
/** Slack incoming webhook; the URL embeds the token. */
type SlackChannelConfig = z.output<typeof slackConfig>;

/** Slack mrkdwn treats only these three as control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
const escapeSlack = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A section text object is limited to 3000 characters. */
const SECTION_MAX = 3000;

/**
 * Incoming webhook: Block Kit for the message itself, the top-level `text` for notifications, and a
 * coloured attachment (red open, green close) so the state shows at a glance, even where blocks do not render.
 */
function buildSlackRequest(config: SlackChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const headline = `*${escapeSlack(message.text)}*`;
  const summary = message.summary ? `\n${fitEscaped(message.summary, SECTION_MAX - headline.length - 1, escapeSlack)}` : "";
  const blocks: unknown[] = [{ type: "section", text: { type: "mrkdwn", text: headline + summary } }];
  if (message.link) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `<${escapeSlack(message.link)}|${escapeSlack(message.linkText)}>` }],
    });
  }
  const attachment = { color: COLORS[message.kind], fallback: message.text, footer: "lubdub", ts: unixSeconds(event.occurred_at) };
  return jsonPost(config.url, { text: message.text, blocks, attachments: [attachment] });
}

export const slack = defineChannel({
  type: "slack",
  groupsAlerts: true,
  docs: {
    config: "`url` (incoming webhook)",
    sends: "Block Kit message with a red/green attachment fallback.",
  },
  input: z.strictObject({
    type: z.literal("slack"),
    name: channelName,
    url: receiverUrl("the Slack incoming webhook URL (https://hooks.slack.com/services/...)"),
  }),
  stored: slackConfig,
  fromInput: (input) => ({ type: "slack", url: input.url }),
  userUrls: ["url"],
  secrets: { url: maskUrl },
  permanentStatuses: [403, 404, 410], // invalid_token, no_service / channel_not_found, channel_is_archived
  build: buildSlackRequest,
});
