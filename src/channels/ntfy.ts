import type { AlertEventPayload } from "../domain/alert-event";
import { jsonPost } from "./json";
import { alertMessage } from "./message";
import type { DeliveryContext, NtfyChannelConfig, OutboundRequest } from "./types";

/** Tags that ntfy shows as emoji in front of the title. */
const TAGS = { opened: ["rotating_light"], closed: ["white_check_mark"] } as const;
/** 5 = "max" (long vibration, pop-over) for an outage; 3 = "default" for the all-clear. */
const PRIORITY = { opened: 5, closed: 3 } as const;

/** The server's root URL: JSON publishing posts there with the topic in the body, not to /<topic>. */
export const ntfyPublishUrl = (server: string): string => `${server.replace(/\/+$/, "")}/`;

/** Publish as JSON (https://docs.ntfy.sh/publish/#publish-as-json). */
export function buildNtfyRequest(config: NtfyChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const body: Record<string, unknown> = {
    topic: config.topic,
    title: message.title,
    message: message.summary ? `${message.text}\n${message.summary}` : message.text,
    priority: PRIORITY[message.kind],
    tags: message.test ? [...TAGS[message.kind], "test_tube"] : TAGS[message.kind],
  };
  if (message.link) body.click = message.link;
  return jsonPost(ntfyPublishUrl(config.server), body, config.token ? { authorization: `Bearer ${config.token}` } : {});
}
