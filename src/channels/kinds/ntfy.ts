import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName, receiverUrl } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskToken } from "../masks";
import { alertMessage } from "../message";
import type { DeliveryContext } from "../types";

const DEFAULT_NTFY_SERVER = "https://ntfy.sh";

const ntfyConfig = z.object({
  type: z.literal("ntfy"),
  server: z.string(),
  topic: z.string(),
  token: z.string().nullable(),
});
type NtfyChannelConfig = z.output<typeof ntfyConfig>;

/** Tags that ntfy shows as emoji in front of the title. */
const TAGS = { opened: ["rotating_light"], closed: ["white_check_mark"] } as const;
/** 5 = "max" (long vibration, pop-over) for an outage; 3 = "default" for the all-clear. */
const PRIORITY = { opened: 5, closed: 3 } as const;

/** The server's root URL: JSON publishing posts there with the topic in the body, not to /<topic>. */
const ntfyPublishUrl = (server: string): string => `${server.replace(/\/+$/, "")}/`;

/** Publish as JSON (https://docs.ntfy.sh/publish/#publish-as-json). */
function buildNtfyRequest(config: NtfyChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const body: Record<string, unknown> = {
    topic: config.topic,
    title: message.title,
    message: message.summary ? `${message.text}\n${message.summary}` : message.text,
    priority: PRIORITY[message.kind],
    // ntfy shows tags that are not emoji names as words under the message: the monitor's own come after.
    tags: [...TAGS[message.kind], ...(message.test ? ["test_tube"] : []), ...event.monitor.tags],
  };
  if (message.link) body.click = message.link;
  return jsonPost(ntfyPublishUrl(config.server), body, config.token ? { authorization: `Bearer ${config.token}` } : {});
}

export const ntfy = defineChannel({
  type: "ntfy",
  groupsAlerts: true,
  docs: {
    config: "`topic`, `server`? (`https://ntfy.sh`), `token`?",
    sends: "Priority 5 on open, 3 on close.",
  },
  input: z.strictObject({
    type: z.literal("ntfy"),
    name: channelName,
    server: receiverUrl("the ntfy server, e.g. https://ntfy.sh").optional(),
    /** ntfy's own rule for topic names. On a public server the topic is the only protection: pick a long one. */
    topic: z.string().regex(/^[-_A-Za-z0-9]{1,64}$/, "topic must be 1-64 letters, digits, '-' or '_'"),
    /** Access token (`tk_...`); null removes it. */
    token: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, "token must be an ntfy access token")
      .nullable()
      .optional(),
  }),
  stored: ntfyConfig,
  fromInput: (input) => ({ type: "ntfy", server: input.server ?? DEFAULT_NTFY_SERVER, topic: input.topic, token: input.token ?? null }),
  userUrls: ["server"],
  secrets: { token: maskToken },
  permanentStatuses: [401, 403, 404],
  build: buildNtfyRequest,
});
