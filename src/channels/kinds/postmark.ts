import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { emailContent } from "../email/content";
import { emailAddress, fromHeader, recipients, senderName } from "../email/fields";
import { channelName, MASKED_MESSAGE, notMasked } from "../fields";
import { jsonPost } from "../json";
import { defineChannel } from "../kind";
import { maskToken } from "../masks";
import type { DeliveryContext } from "../types";

/**
 * Postmark's single-email API (https://postmarkapp.com/developer/user-guide/send-email-with-api):
 * `POST https://api.postmarkapp.com/email` with `X-Postmark-Server-Token` and a JSON body of `From`,
 * `To` (comma-separated, up to 50), `Subject`, `TextBody`, `HtmlBody` and `MessageStream`.
 */
const POSTMARK_URL = "https://api.postmarkapp.com/email";

const postmarkConfig = z.object({
  type: z.literal("postmark"),
  server_token: z.string(),
  from: z.string(),
  from_name: z.string().nullable().default(null),
  to: z.array(z.string()),
  message_stream: z.string().default("outbound"),
});
type PostmarkChannelConfig = z.output<typeof postmarkConfig>;

function buildPostmarkRequest(config: PostmarkChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const { subject, text, html } = emailContent(event, context);
  const body = {
    From: fromHeader(config.from, config.from_name),
    To: config.to.join(", "),
    Subject: subject,
    TextBody: text,
    HtmlBody: html,
    MessageStream: config.message_stream,
  };
  return jsonPost(POSTMARK_URL, body, { accept: "application/json", "x-postmark-server-token": config.server_token });
}

export const postmark = defineChannel({
  type: "postmark",
  docs: {
    config: "`server_token`, `from`, `from_name`?, `to` (1-50), `message_stream`?",
    sends: "Email (text and HTML) through Postmark's API.",
  },
  input: z.strictObject({
    type: z.literal("postmark"),
    name: channelName,
    // A server token is a UUID; POSTMARK_API_TEST is Postmark's own test token (accepted, never delivered).
    server_token: z
      .string()
      .regex(
        /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|POSTMARK_API_TEST)$/,
        "server_token must be a Postmark server API token",
      )
      .refine(notMasked, MASKED_MESSAGE),
    from: emailAddress,
    from_name: senderName.optional(),
    to: recipients(50),
    message_stream: z
      .string()
      .regex(/^[a-z0-9-]{1,100}$/, "a message stream id, like outbound")
      .optional(),
  }),
  stored: postmarkConfig,
  fromInput: (input) => ({
    type: "postmark",
    server_token: input.server_token,
    from: input.from,
    from_name: input.from_name ?? null,
    to: input.to,
    message_stream: input.message_stream ?? "outbound",
  }),
  userUrls: [],
  secrets: { server_token: maskToken },
  // https://postmarkapp.com/developer/api/overview#error-codes: 401 a wrong or missing token; 422 with an
  // ErrorCode for what the channel holds (300 invalid request, 400/401 sender signature missing or
  // unconfirmed, 406 inactive recipient, 412/413 account may not send): retrying the same email cannot help.
  permanentStatuses: [401, 404, 422],
  build: buildPostmarkRequest,
});
