import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { channelName } from "../fields";
import { defineChannel } from "../kind";
import { alertMessage, fitEscaped } from "../message";
import { TWILIO_PERMANENT_STATUSES, twilioInputFields, twilioPost, twilioSecrets, twilioStoredFields } from "../twilio";
import type { DeliveryContext } from "../types";
import { smsBody } from "./twilio-sms";

const ON_CLOSE = ["sms", "call"] as const;

const twilioVoiceConfig = z.object({ type: z.literal("twilio_voice"), ...twilioStoredFields, on_close: z.enum(ON_CLOSE) });
type TwilioVoiceChannelConfig = z.output<typeof twilioVoiceConfig>;

/** XML's five special characters, for text inside TwiML. */
export const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** Read at about 150 words a minute, twice: the call stays within its first billed minute. */
const SPOKEN_MAX = 400;

/**
 * The call's TwiML: the sentence read twice (`loop="2"`), so someone who picks up on the third ring
 * still hears all of it, then Twilio hangs up. Only the sentence: a link or tags mean nothing read aloud.
 * https://www.twilio.com/docs/voice/twiml/say
 */
export function callTwiml(event: AlertEventPayload, context: DeliveryContext): string {
  const spoken = `Alert from lubdub. ${alertMessage(event, context).text}.`;
  return `<Response><Say loop="2">${fitEscaped(spoken, SPOKEN_MAX, escapeXml)}</Say></Response>`;
}

/**
 * Calls API with inline `Twiml` on open and on each reminder. A close is not worth waking anyone for:
 * by default it is an SMS from the same number (`on_close: "sms"`); `"call"` calls for it too, for a
 * number that cannot send SMS. https://www.twilio.com/docs/voice/api/call-resource#create-a-call-resource
 */
function buildTwilioVoiceRequest(config: TwilioVoiceChannelConfig, event: AlertEventPayload, context: DeliveryContext): OutboundRequest {
  const numbers = { To: config.to, From: config.from };
  if (event.type === "alert.closed" && config.on_close === "sms") {
    return twilioPost(config, "Messages", { ...numbers, Body: smsBody(event, context) });
  }
  return twilioPost(config, "Calls", { ...numbers, Twiml: callTwiml(event, context) });
}

export const twilioVoice = defineChannel({
  type: "twilio_voice",
  docs: {
    config: "`account_sid`, `auth_token`, `from`, `to` (E.164), `on_close`? (`sms`\\|`call`)",
    sends: "A call reading the alert twice on open and reminders; on close an SMS, not a call.",
  },
  input: z.strictObject({
    type: z.literal("twilio_voice"),
    name: channelName,
    ...twilioInputFields,
    on_close: z.enum(ON_CLOSE).optional(),
  }),
  stored: twilioVoiceConfig,
  fromInput: ({ account_sid, auth_token, from, to, on_close }) => ({
    type: "twilio_voice",
    account_sid,
    auth_token,
    from,
    to,
    on_close: on_close ?? "sms",
  }),
  userUrls: [],
  secrets: twilioSecrets,
  permanentStatuses: TWILIO_PERMANENT_STATUSES,
  build: buildTwilioVoiceRequest,
});
