import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskToken } from "../masks";
import { alertDetails, alertMessage, truncate } from "../message";
import type { DeliveryContext } from "../types";

const alertopsConfig = z.object({
  type: z.literal("alertops"),
  api_key: z.string(),
  integration: z.string(),
});
type AlertOpsChannelConfig = z.output<typeof alertopsConfig>;

/**
 * AlertOps' inbound API integration (the "Custom" template): its page shows the URL to post to,
 * `https://notify.alertops.com/POSTAlert/<api key>/<integration name>`. Its "Rules for Opening and
 * Closing an Alert" name the body's fields: Source Id = `source_id`, Source Status = `source_status`
 * with `open` opening and `close` closing the alert of that id.
 * https://help.alertops.com/knowledge-base/custom-api-integration and AlertOps' own Alerta plugin
 * (https://github.com/alerta/alerta-contrib/tree/master/plugins/alertops), which sends the same fields.
 */
const ALERTOPS_URL = "https://notify.alertops.com/POSTAlert";

const postAlertUrl = (config: AlertOpsChannelConfig): string =>
  `${ALERTOPS_URL}/${encodeURIComponent(config.api_key)}/${encodeURIComponent(config.integration)}`;

const DESCRIPTION_MAX = 4000;

/** Open and close carry the same fields, so one rule set in AlertOps reads both; only `source_status` differs. */
function buildAlertOpsRequest(config: AlertOpsChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const description = [message.text, message.summary].filter((part) => part).join("\n\n");
  return jsonPost(postAlertUrl(config), {
    source: "lubdub",
    source_id: event.alert.id,
    source_status: event.type === "alert.closed" ? "close" : "open",
    source_name: event.monitor.name,
    subject: message.title,
    description: truncate(description, DESCRIPTION_MAX),
    source_url: message.link ?? "",
    details: alertDetails(event),
  });
}

export const alertops = defineChannel({
  type: "alertops",
  docs: {
    config: "`api_key`, `integration` (the end of its URL)",
    sends: "Inbound API: `source_status` `open` on open, `close` on close, `source_id` = alert id.",
  },
  input: z.strictObject({
    type: z.literal("alertops"),
    name: channelName,
    api_key: z
      .string()
      .regex(
        /^[A-Za-z0-9-]{16,64}$/,
        "api_key must be the key in the integration's URL: https://notify.alertops.com/POSTAlert/<api_key>/…",
      ),
    integration: z
      .string()
      .regex(/^[^/?#\s][^/?#]{0,99}$/, "integration must be the integration's name as its URL ends: …/POSTAlert/<api_key>/<integration>"),
  }),
  stored: alertopsConfig,
  fromInput: (input) => ({ type: "alertops", api_key: input.api_key, integration: input.integration }),
  userUrls: [],
  secrets: { api_key: maskToken },
  // 401, 403: the key is refused; 404: no such integration (renamed or deleted). 400 is retried: AlertOps
  // does not document it, and a rule edited on its side can make the same body acceptable again.
  permanentStatuses: [401, 403, 404],
  build: buildAlertOpsRequest,
});
