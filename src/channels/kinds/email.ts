import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import { EMAIL_BINDING, MISSING_EMAIL_BINDING, type OutboundEmail } from "../../transports/email";
import { emailContent } from "../email/content";
import { emailAddress, fromHeader, recipients, senderName } from "../email/fields";
import { buildMimeMessage } from "../email/mime";
import { channelName } from "../fields";
import { defineChannel } from "../kind";
import type { DeliveryContext } from "../types";

/**
 * Email through Cloudflare's own send_email binding
 * (https://developers.cloudflare.com/email-routing/email-workers/send-email-workers/): no API key, but
 * every recipient must be a destination address verified in the account's Email Routing, and `from` an
 * address of a domain with Email Routing on. The binding (named EMAIL in wrangler.toml) is optional: a
 * deployment without it refuses to create such a channel, saying what to add.
 */
const emailConfig = z.object({
  type: z.literal("email"),
  from: z.string(),
  from_name: z.string().nullable().default(null),
  to: z.array(z.string()),
});
type EmailChannelConfig = z.output<typeof emailConfig>;

function buildEmail(config: EmailChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundEmail {
  const from = fromHeader(config.from, config.from_name);
  const raw = buildMimeMessage({ from, to: config.to, id: context.messageId, date: context.now }, emailContent(event, context));
  return { transport: "email", from: config.from, to: config.to, raw };
}

export const email = defineChannel({
  type: "email",
  docs: {
    config: "`from`, `from_name`?, `to` (1-10 addresses verified in Email Routing)",
    sends: "Email (text and HTML) through the `send_email` binding `EMAIL`.",
  },
  input: z.strictObject({
    type: z.literal("email"),
    name: channelName,
    from: emailAddress,
    from_name: senderName.optional(),
    // One message per recipient: a short list keeps one delivery short.
    to: recipients(10),
  }),
  stored: emailConfig,
  fromInput: (input) => ({ type: "email", from: input.from, from_name: input.from_name ?? null, to: input.to }),
  userUrls: [],
  secrets: {},
  permanentStatuses: [],
  build: buildEmail,
  unavailable: (env) => (env[EMAIL_BINDING] ? null : MISSING_EMAIL_BINDING),
});
