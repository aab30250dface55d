import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName, receiverUrl } from "../fields";
import { defineChannel } from "../kind";
import { maskToken } from "../masks";
import { alertMessage, truncate } from "../message";
import type { DeliveryContext } from "../types";
import { escapeHtml } from "./telegram";

const matrixConfig = z.object({ type: z.literal("matrix"), homeserver: z.string(), room_id: z.string(), access_token: z.string() });
type MatrixChannelConfig = z.output<typeof matrixConfig>;

/** Events are limited to 65,536 bytes in all; the plain and HTML bodies share that, so stay well under. */
const BODY_MAX = 8000;

/**
 * An `m.room.message` sent with the client-server API
 * (https://spec.matrix.org/v1.16/client-server-api/#put_matrixclientv3roomsroomidsendeventtypetxnid):
 * a PUT whose transaction id is the delivery's message id, which is stable across retries, so the
 * homeserver keeps one message however often a retry repeats it. A plain body and an HTML one.
 */
function buildMatrixRequest(config: MatrixChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const message = alertMessage(event, context);
  const plain = [message.text, message.summary, message.link].filter(Boolean).join("\n");
  const html = [
    `<strong>${escapeHtml(truncate(message.text, BODY_MAX))}</strong>`,
    message.summary ? escapeHtml(truncate(message.summary, BODY_MAX)).replace(/\n/g, "<br>") : "",
    message.link ? `<a href="${escapeHtml(message.link)}">${escapeHtml(message.linkText)}</a>` : "",
  ].filter(Boolean);
  const room = encodeURIComponent(config.room_id);
  return {
    url: `${config.homeserver.replace(/\/+$/, "")}/_matrix/client/v3/rooms/${room}/send/m.room.message/${encodeURIComponent(context.messageId)}`,
    method: "PUT",
    headers: { "content-type": "application/json", "user-agent": "lubdub/1", authorization: `Bearer ${config.access_token}` },
    body: JSON.stringify({
      msgtype: "m.text",
      body: truncate(plain, BODY_MAX),
      format: "org.matrix.custom.html",
      formatted_body: html.join("<br>"),
    }),
  };
}

export const matrix = defineChannel({
  type: "matrix",
  groupsAlerts: true,
  docs: {
    config: "`homeserver`, `room_id` (`!id:server`), `access_token`",
    sends: "An `m.text` message (plain and HTML), idempotent across retries.",
  },
  input: z.strictObject({
    type: z.literal("matrix"),
    name: channelName,
    homeserver: receiverUrl("the homeserver's client URL, e.g. https://matrix-client.matrix.org"),
    room_id: z
      .string()
      .regex(/^![^:\s]+:\S+$/, "room_id must be a room id like !abcdef:example.org (Room settings → Advanced), not an alias"),
    access_token: z.string().regex(/^[\x21-\x7e]{16,512}$/, "access_token must be the bot user's access token"),
  }),
  stored: matrixConfig,
  fromInput: (input) => ({ type: "matrix", homeserver: input.homeserver, room_id: input.room_id, access_token: input.access_token }),
  userUrls: ["homeserver"],
  secrets: { access_token: maskToken },
  // 401 M_UNKNOWN_TOKEN (token revoked), 403 M_FORBIDDEN (the bot is not in the room), 404 no such room.
  permanentStatuses: [401, 403, 404],
  build: buildMatrixRequest,
});
