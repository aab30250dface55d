import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName, receiverUrl } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskUrl } from "../masks";
import { alertMessage, COLORS, truncate } from "../message";
import type { DeliveryContext } from "../types";

const discordConfig = z.object({ type: z.literal("discord"), url: z.string() });
/** Discord channel webhook; the URL embeds the token. */
type DiscordChannelConfig = z.output<typeof discordConfig>;

/** Embed limits from Discord's docs: title 256, description 4096 characters. */
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 4096;

/** "#dd3333" → 0xdd3333: embeds take the colour as an integer. */
const colorInt = (hex: string): number => Number.parseInt(hex.slice(1), 16);

/**
 * Execute Webhook with one embed. `allowed_mentions` is empty so a monitor named "@everyone" cannot
 * ping a whole server. Rate limits (429 with `retry_after` in the body) are handled by the transport.
 */
function buildDiscordRequest(config: DiscordChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const description = message.summary ? `${message.text}\n${message.summary}` : message.text;
  const embed: Record<string, unknown> = {
    title: truncate(message.title, TITLE_MAX),
    description: truncate(description, DESCRIPTION_MAX),
    color: colorInt(COLORS[message.kind]),
    timestamp: event.occurred_at,
  };
  if (message.link) embed.url = message.link;
  return jsonPost(config.url, { embeds: [embed], allowed_mentions: { parse: [] } });
}

export const discord = defineChannel({
  type: "discord",
  groupsAlerts: true,
  docs: {
    config: "`url` (webhook)",
    sends: "An embed with colour; honours 429 `retry_after`.",
  },
  input: z.strictObject({
    type: z.literal("discord"),
    name: channelName,
    url: receiverUrl("the Discord webhook URL (https://discord.com/api/webhooks/...)"),
  }),
  stored: discordConfig,
  fromInput: (input) => ({ type: "discord", url: input.url }),
  userUrls: ["url"],
  secrets: { url: maskUrl },
  permanentStatuses: [401, 403, 404], // invalid webhook token, missing access, unknown webhook
  build: buildDiscordRequest,
});
