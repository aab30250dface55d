import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName, receiverUrl } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskUrl } from "../masks";
import { alertMessage } from "../message";
import type { DeliveryContext } from "../types";

const teamsConfig = z.object({ type: z.literal("teams"), url: z.string() });
/** Teams "Workflows" (Power Automate) webhook; the URL embeds a signature. */
type TeamsChannelConfig = z.output<typeof teamsConfig>;

const textBlock = (text: string, style: Record<string, unknown> = {}) => ({ type: "TextBlock", text, wrap: true, ...style });

/**
 * A Workflows (Power Automate) webhook takes a message with an Adaptive Card attachment; the old
 * O365 connector MessageCard format is retired. Version 1.2 is what Teams renders everywhere.
 */
function buildTeamsRequest(config: TeamsChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const body = [
    textBlock(message.title, { size: "Large", weight: "Bolder", color: message.kind === "opened" ? "Attention" : "Good" }),
    textBlock(message.text),
  ];
  if (message.summary) body.push(textBlock(message.summary, { isSubtle: true }));
  const card: Record<string, unknown> = {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.2",
    body,
  };
  if (message.link) card.actions = [{ type: "Action.OpenUrl", title: message.linkText, url: message.link }];
  return jsonPost(config.url, {
    type: "message",
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card }],
  });
}

export const teams = defineChannel({
  type: "teams",
  groupsAlerts: true,
  docs: {
    config: "`url` (Workflows webhook)",
    sends: "Adaptive Card 1.2 in the `attachments` envelope.",
  },
  input: z.strictObject({ type: z.literal("teams"), name: channelName, url: receiverUrl("the Teams Workflows webhook URL") }),
  stored: teamsConfig,
  fromInput: (input) => ({ type: "teams", url: input.url }),
  userUrls: ["url"],
  secrets: { url: maskUrl },
  permanentStatuses: [404, 410],
  build: buildTeamsRequest,
});
