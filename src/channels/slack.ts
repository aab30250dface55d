import type { AlertEventPayload } from "../domain/alert-event";
import { jsonPost } from "./json";
import { alertMessage, COLORS, fitEscaped, unixSeconds } from "./message";
import type { DeliveryContext, OutboundRequest, SlackChannelConfig } from "./types";

/** Slack mrkdwn treats only these three as control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
export const escapeSlack = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A section text object is limited to 3000 characters. */
const SECTION_MAX = 3000;

/**
 * Incoming webhook: Block Kit for the message itself, the top-level `text` for notifications, and a
 * coloured attachment (red open, green close) so the state shows at a glance, even where blocks do not render.
 */
export function buildSlackRequest(config: SlackChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
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
