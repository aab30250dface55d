import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName } from "../fields";
import { defineChannel } from "../kind";
import { alertMessage, truncate } from "../message";
import {
  smsSender,
  smsSenderField,
  TWILIO_PERMANENT_STATUSES,
  twilioInputFields,
  twilioPost,
  twilioSecrets,
  twilioStoredFields,
} from "../twilio";
import type { DeliveryContext } from "../types";

const twilioSmsConfig = z.object({ type: z.literal("twilio_sms"), ...twilioStoredFields });
type TwilioSmsChannelConfig = z.output<typeof twilioSmsConfig>;

/**
 * Each SMS segment is billed (160 GSM-7 characters, 70 with any other character): the sentence is cut
 * to two or three segments, and the monitor's summary left out. The link back, when there is one, is whole.
 */
export const SMS_TEXT_MAX = 300;

/** The SMS body: the sentence, then the link back to the monitor. */
export function smsBody(event: AlertEventPayload, context: DeliveryContext): string {
  const message = alertMessage(event, context);
  const text = truncate(message.text, SMS_TEXT_MAX);
  return message.link ? `${text}\n${message.link}` : text;
}

/**
 * Messages API: one SMS on open, each reminder, and close.
 * https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
 */
function buildTwilioSmsRequest(config: TwilioSmsChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  return twilioPost(config, "Messages", { To: config.to, ...smsSenderField(config.from), Body: smsBody(event, context) });
}

export const twilioSms = defineChannel({
  type: "twilio_sms",
  docs: {
    config: "`account_sid`, `auth_token`, `from` (a number or `MG…`), `to`",
    sends: "SMS on open, reminders and close: the sentence (≤ 300 characters) and the link.",
  },
  input: z.strictObject({ type: z.literal("twilio_sms"), name: channelName, ...twilioInputFields, from: smsSender }),
  stored: twilioSmsConfig,
  fromInput: ({ account_sid, auth_token, from, to }) => ({ type: "twilio_sms", account_sid, auth_token, from, to }),
  userUrls: [],
  secrets: twilioSecrets,
  permanentStatuses: TWILIO_PERMANENT_STATUSES,
  build: buildTwilioSmsRequest,
});
