import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskToken } from "../masks";
import { alertMessage, fitEscaped } from "../message";
import type { DeliveryContext } from "../types";

const telegramConfig = z.object({ type: z.literal("telegram"), bot_token: z.string(), chat_id: z.string() });
type TelegramChannelConfig = z.output<typeof telegramConfig>;

/** sendMessage refuses text longer than 4096 characters. */
export const TELEGRAM_TEXT_MAX = 4096;

/** Telegram's HTML mode needs exactly these escaped (https://core.telegram.org/bots/api#html-style). */
export const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The message as Telegram HTML, at most 4096 characters. The link and the markup are reserved first,
 * then the sentence and the summary are cut in plain text so no tag or entity is ever split.
 */
export function telegramText(text: string, summary: string | null, link: { href: string; text: string } | null): string {
  const linkLine = link ? `\n<a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a>` : "";
  let room = TELEGRAM_TEXT_MAX - linkLine.length - "<b></b>".length;
  const head = `<b>${fitEscaped(text, room, escapeHtml)}</b>`;
  room -= head.length - "<b></b>".length;
  const fitted = summary ? fitEscaped(summary, room - 1, escapeHtml) : "";
  // A summary with no room left for any of its words would only add a stray "…".
  const tail = fitted && fitted !== "…" ? `\n${fitted}` : "";
  return head + tail + linkLine;
}

function buildTelegramRequest(config: TelegramChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const link = message.link ? { href: message.link, text: message.linkText } : null;
  return jsonPost(`https://api.telegram.org/bot${config.bot_token}/sendMessage`, {
    chat_id: config.chat_id,
    text: telegramText(message.text, message.summary, link),
    parse_mode: "HTML",
    disable_web_page_preview: true,
  });
}

export const telegram = defineChannel({
  type: "telegram",
  groupsAlerts: true,
  docs: {
    config: "`bot_token`, `chat_id`",
    sends: "HTML message, at most 4096 characters.",
  },
  input: z.strictObject({
    type: z.literal("telegram"),
    name: channelName,
    bot_token: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{30,100}$/, "bot_token must look like 123456789:AA... (from @BotFather)"),
    /** A numeric chat id (negative for groups) or @channelusername; stored as a string. */
    chat_id: z
      .union([z.number().int(), z.string().regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{5,64})$/)], {
        error: "chat_id must be a numeric chat id or @channelusername",
      })
      .transform(String),
  }),
  stored: telegramConfig,
  fromInput: (input) => ({ type: "telegram", bot_token: input.bot_token, chat_id: input.chat_id }),
  // The bot API's host is fixed: only the token goes into the URL.
  userUrls: [],
  secrets: { bot_token: maskToken },
  permanentStatuses: [400, 401, 403, 404], // chat not found, bad bot token, bot blocked
  build: buildTelegramRequest,
});
