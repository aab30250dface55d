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
 * Resend's send-email API (https://resend.com/docs/api-reference/emails/send-email):
 * `POST https://api.resend.com/emails` with `Authorization: Bearer re_...` and a JSON body of
 * `from`, `to` (up to 50), `subject`, `text` and `html`. It refuses requests without a User-Agent (403),
 * which jsonPost sets. `Idempotency-Key` (1-256 characters) makes a retried event one email.
 */
const RESEND_URL = "https://api.resend.com/emails";

const resendConfig = z.object({
  type: z.literal("resend"),
  api_key: z.string(),
  from: z.string(),
  from_name: z.string().nullable().default(null),
  to: z.array(z.string()),
});
type ResendChannelConfig = z.output<typeof resendConfig>;

function buildResendRequest(config: ResendChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const content = emailContent(event, context);
  const body = { from: fromHeader(config.from, config.from_name), to: config.to, ...content };
  return jsonPost(RESEND_URL, body, { authorization: `Bearer ${config.api_key}`, "idempotency-key": context.messageId });
}

export const resend = defineChannel({
  type: "resend",
  docs: {
    config: "`api_key`, `from`, `from_name`?, `to` (1-50 addresses)",
    sends: "Email (text and HTML) through Resend's API.",
  },
  input: z.strictObject({
    type: z.literal("resend"),
    name: channelName,
    api_key: z
      .string()
      .regex(/^re_[A-Za-z0-9_]{8,200}$/, "api_key must be a Resend API key (re_...)")
      .refine(notMasked, MASKED_MESSAGE),
    from: emailAddress,
    from_name: senderName.optional(),
    to: recipients(50),
  }),
  stored: resendConfig,
  fromInput: (input) => ({ type: "resend", api_key: input.api_key, from: input.from, from_name: input.from_name ?? null, to: input.to }),
  userUrls: [],
  secrets: { api_key: maskToken },
  // https://resend.com/docs/api-reference/errors: 401 missing or invalid key (sending endpoints), 403 invalid
  // key or an unverified sending domain, 422 an invalid `from` or field: each needs the channel edited.
  permanentStatuses: [401, 403, 404, 422],
  build: buildResendRequest,
});
