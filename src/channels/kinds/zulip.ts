import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName, notMasked, receiverUrl } from "../fields";
import { basicAuth, formPost } from "../form";
import { defineChannel } from "../kind";
import { markdownBody, markdownLink } from "../markdown";
import { maskToken } from "../masks";
import { alertMessage, truncate } from "../message";
import type { DeliveryContext } from "../types";

const zulipConfig = z.object({
  type: z.literal("zulip"),
  site: z.string(),
  bot_email: z.string(),
  api_key: z.string(),
  stream: z.string(),
  topic: z.string().nullable(),
});
type ZulipChannelConfig = z.output<typeof zulipConfig>;

/** Zulip's limits: a topic of 60 characters, a message of 10,000. */
const TOPIC_MAX = 60;
const CONTENT_MAX = 10_000;

/**
 * Send a stream message as a bot (https://zulip.com/api/send-message): form-encoded, HTTP Basic with the
 * bot's email and API key. The topic defaults to the monitor's name, so an outage and its recovery land in
 * the same topic; the content is Zulip Markdown, every value escaped.
 */
function buildZulipRequest(config: ZulipChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const link = message.link ? markdownLink(message.linkText, message.link) : null;
  return formPost(
    `${config.site.replace(/\/+$/, "")}/api/v1/messages`,
    {
      type: "stream",
      to: config.stream,
      topic: truncate(config.topic ?? event.monitor.name, TOPIC_MAX),
      content: markdownBody(message.text, message.summary, link, CONTENT_MAX),
    },
    { authorization: basicAuth(config.bot_email, config.api_key) },
  );
}

export const zulip = defineChannel({
  type: "zulip",
  groupsAlerts: true,
  docs: {
    config: "`site`, `bot_email`, `api_key`, `stream`, `topic`? (the monitor's name)",
    sends: "A stream message as a bot; opening and recovery share the topic.",
  },
  input: z.strictObject({
    type: z.literal("zulip"),
    name: channelName,
    site: receiverUrl("your Zulip organization's URL, e.g. https://example.zulipchat.com"),
    bot_email: z.email("bot_email must be the bot's email address (Settings → Bots)"),
    api_key: z.string().regex(/^[A-Za-z0-9]{20,64}$/, "api_key must be the bot's API key (20-64 letters and digits)"),
    stream: z.string().trim().min(1).max(60).refine(notMasked),
    /** Null: each monitor's own name. */
    topic: z.string().trim().min(1).max(TOPIC_MAX).nullable().optional(),
  }),
  stored: zulipConfig,
  fromInput: (input) => ({
    type: "zulip",
    site: input.site,
    bot_email: input.bot_email,
    api_key: input.api_key,
    stream: input.stream,
    topic: input.topic ?? null,
  }),
  userUrls: ["site"],
  secrets: { api_key: maskToken },
  // 401 a wrong or deactivated key; 400 a stream that does not exist or the bot may not post to.
  permanentStatuses: [400, 401, 403],
  build: buildZulipRequest,
});
