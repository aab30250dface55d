import { z } from "zod";
import type { OutboundRequest } from "../transports/http";
import { basicAuth, formPost } from "./form";
import { maskToken } from "./masks";

/**
 * What Twilio's SMS and voice kinds share: the account's credentials, E.164 numbers, the REST API's
 * form-encoded POST with HTTP Basic auth (Account SID as user, auth token as password), and which of
 * its answers mean the channel is broken. https://www.twilio.com/docs/usage/requests-to-twilio
 */

const TWILIO_API = "https://api.twilio.com/2010-04-01/Accounts";

/** E.164: "+", a country code not starting with 0, at most 15 digits in all. */
export const e164 = (what: string) =>
  z.string().regex(/^\+[1-9]\d{1,14}$/, `${what} must be a phone number in E.164 form: + then country code and number, e.g. +14155550100`);

/** The create fields every Twilio kind has. */
export const twilioInputFields = {
  account_sid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "account_sid must be the Account SID: AC and 32 hex digits (Twilio Console)"),
  auth_token: z.string().regex(/^[0-9a-fA-F]{32}$/, "auth_token must be the account's Auth Token: 32 hex digits (Twilio Console)"),
  from: e164("from (a Twilio number of the account)"),
  to: e164("to"),
} as const;

/** An SMS may come from a Messaging Service (`MG…`) instead of one number: US A2P 10DLC senders are registered as one. */
export const smsSender = z
  .string()
  .regex(
    /^(\+[1-9]\d{1,14}|MG[0-9a-fA-F]{32})$/,
    "from must be a Twilio number of the account in E.164 form (e.g. +14155550100) or a Messaging Service SID (MG and 32 hex digits)",
  );

/** The sender field of a Messages API request: `MessagingServiceSid` for a service, `From` for a number. */
export const smsSenderField = (from: string): Record<string, string> =>
  from.startsWith("MG") ? { MessagingServiceSid: from } : { From: from };

export const twilioStoredFields = {
  account_sid: z.string(),
  auth_token: z.string(),
  from: z.string(),
  to: z.string(),
} as const;

interface TwilioAccount {
  account_sid: string;
  auth_token: string;
}

/** The auth token is the secret; the Account SID names the account in every URL and is shown as is. */
export const twilioSecrets = { auth_token: maskToken } as const;

/**
 * https://www.twilio.com/docs/usage/twilios-response: 401 bad credentials, 403 not allowed (a suspended
 * account), 404 no such account. 400 is a parameter Twilio refuses for this channel (21211 invalid
 * "To", 21606 "From" not one of the account's numbers, 21608 unverified number on a trial account,
 * 21610 recipient replied STOP): sending the same again cannot succeed. 429 and 5xx are retried.
 */
export const TWILIO_PERMANENT_STATUSES = [400, 401, 403, 404] as const;

/** POST to one of the account's resources (`Messages`, `Calls`), form-encoded as Twilio's API wants. */
export function twilioPost(account: TwilioAccount, resource: "Messages" | "Calls", fields: Record<string, string>): OutboundRequest {
  const url = `${TWILIO_API}/${encodeURIComponent(account.account_sid)}/${resource}.json`;
  return formPost(url, fields, { authorization: basicAuth(account.account_sid, account.auth_token) });
}
