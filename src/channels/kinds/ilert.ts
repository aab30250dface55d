import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskToken } from "../masks";
import { alertDetails, alertMessage, truncate } from "../message";
import type { DeliveryContext } from "../types";

const ILERT_PRIORITIES = ["HIGH", "LOW"] as const;

const ilertConfig = z.object({
  type: z.literal("ilert"),
  integration_key: z.string(),
  priority: z.enum(ILERT_PRIORITIES),
});
type IlertChannelConfig = z.output<typeof ilertConfig>;

/**
 * ilert's Events API: one endpoint for every event, authenticated by the alert source's integration key
 * in the body (no Authorization header). https://docs.ilert.com/rest-api/api-samples/creating-alerts-through-events
 * and https://docs.ilert.com/developer-docs/rest-api/api-reference/events (answers 202 when accepted).
 */
const ILERT_EVENTS_URL = "https://api.ilert.com/api/events";

/** An alert's summary is its one-line title in ilert's apps; the rest goes to `details` (Markdown). */
const SUMMARY_MAX = 255;
const DETAILS_MAX = 15_000;

/**
 * The alert id is the `alertKey`: an ALERT with a key that is still open is appended to that alert's log
 * (a reminder or a retried open never pages twice), and the RESOLVE with the same key resolves it, so
 * lubdub's close closes ilert's alert. `summary` is required on every event type, RESOLVE included.
 */
function buildIlertRequest(config: IlertChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const base = { integrationKey: config.integration_key, alertKey: event.alert.id, summary: truncate(message.text, SUMMARY_MAX) };
  if (event.type === "alert.closed") return jsonPost(ILERT_EVENTS_URL, { ...base, eventType: "RESOLVE" });
  const details = [message.text, message.summary].filter((part) => part).join("\n\n");
  const body: Record<string, unknown> = {
    ...base,
    eventType: "ALERT",
    details: truncate(details, DETAILS_MAX),
    priority: config.priority,
    customDetails: alertDetails(event),
  };
  if (message.link) body.links = [{ href: message.link, text: message.linkText }];
  return jsonPost(ILERT_EVENTS_URL, body);
}

export const ilert = defineChannel({
  type: "ilert",
  docs: {
    config: "`integration_key` (`il1…`), `priority`? (`HIGH`)",
    sends: "Events API: `ALERT` on open, `RESOLVE` on close, `alertKey` = alert id.",
  },
  input: z.strictObject({
    type: z.literal("ilert"),
    name: channelName,
    integration_key: z
      .string()
      .regex(/^il1[A-Za-z0-9]{8,100}$/, "integration_key must be the alert source's integration key (il1…), shown on the alert source"),
    priority: z.enum(ILERT_PRIORITIES).optional(),
  }),
  stored: ilertConfig,
  fromInput: (input) => ({ type: "ilert", integration_key: input.integration_key, priority: input.priority ?? "HIGH" }),
  userUrls: [],
  secrets: { integration_key: maskToken },
  // ilert documents only its 202. A 400 is an event it will never take (a retry sends the same bytes);
  // 401, 403 and 404 say the integration key is unknown or its alert source gone or disabled.
  permanentStatuses: [400, 401, 403, 404],
  build: buildIlertRequest,
});
