import { buildChannelRequest } from "../../../src/channels/send";
import type { ChannelConfig, DeliveryContext } from "../../../src/channels/types";
import type { AlertEventPayload } from "../../../src/domain/alert-event";
import { context } from "../fixtures";

/** Shared by the Twilio kinds' tests (twilio-sms.test.ts, twilio-voice.test.ts). */

export const SID = "AC0123456789abcdef0123456789abcdef";
export const TOKEN = "f3a1c2e4b5d6978869a0b1c2d3e4f5a6";
export const FORM_HEADERS = {
  "content-type": "application/x-www-form-urlencoded",
  "user-agent": "lubdub/1",
  // Basic base64("<Account SID>:<Auth Token>"), as `curl -u $TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN` sends it.
  authorization: `Basic ${btoa(`${SID}:${TOKEN}`)}`,
};
export const ACCOUNT = { account_sid: SID, auth_token: TOKEN, from: "+14155550100", to: "+14155550199" } as const;

/** The request as Twilio reads it: its form fields decoded. */
export async function formRequestFor(config: ChannelConfig, event: AlertEventPayload, ctx: DeliveryContext = context()) {
  const request = await buildChannelRequest(config, event, ctx);
  return { ...request, fields: Object.fromEntries(new URLSearchParams(request.body)) };
}
