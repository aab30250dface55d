import type { AlertEventPayload } from "../domain/alert-event";
import { isEmail, type Outbound } from "../transports/email";
import { type EmailSenderEnv, sendEmail } from "../transports/email-binding";
import { type AttemptResult, type FetchLike, type OutboundRequest, sendRequest, unanswered } from "../transports/http";
import { channelKind } from "./registry";
import { channelSecrets } from "./secrets";
import type { ChannelConfig, DeliveryContext } from "./types";
import { urlRefusal } from "./url-safety";

/** What a send came to. `channelGone`: the channel was deleted, so the failure is not the receiver's (it is not marked failing). */
export type SendResult = AttemptResult & { channelGone: boolean };

/** A delivery to a channel deleted since the event: final, and nobody's fault to show on the channel. */
export const CHANNEL_GONE: SendResult = { ...unanswered("rejected", "channel was deleted"), channelGone: true };

/** Turns an event into what the channel's receiver expects, with what the transport needs to judge the answer. */
export async function buildChannelOutbound(config: ChannelConfig, event: AlertEventPayload, context: DeliveryContext): Promise<Outbound> {
  const kind = channelKind(config.type);
  const outbound = await kind.buildRequest(config, event, context);
  if (isEmail(outbound)) return { ...outbound, secrets: channelSecrets(config) };
  return { ...outbound, permanentStatuses: kind.permanentStatuses, secrets: channelSecrets(config, sentCredentials(outbound)) };
}

/** The HTTP request of a kind that sends one (every kind but the send_email binding's, for which this throws). */
export async function buildChannelRequest(
  config: ChannelConfig,
  event: AlertEventPayload,
  context: DeliveryContext,
): Promise<OutboundRequest> {
  const outbound = await buildChannelOutbound(config, event, context);
  if (isEmail(outbound)) throw new Error(`channel kind ${config.type} sends an email through the binding, not an HTTP request`);
  return outbound;
}

/**
 * The request's `authorization` header is a credential however the kind built it: Twilio's is Basic of
 * the Account SID and the auth token, whose base64 is none of the secret fields' own forms.
 */
function sentCredentials(request: OutboundRequest): string[] {
  return Object.entries(request.headers).flatMap(([name, value]) => (name.toLowerCase() === "authorization" ? [value] : []));
}

/**
 * The one way lubdub sends to a channel, for a test message and a real delivery alike: build the
 * request (or the email, sent through the send_email binding), check its URL again (a channel stored before a rule existed, or under another setting, is
 * refused too), send it. A receiver's fault is reported in the result, never thrown.
 */
export async function sendToChannel(
  config: ChannelConfig,
  event: AlertEventPayload,
  context: DeliveryContext,
  env: Pick<Env, "ALLOW_INSECURE_WEBHOOKS"> & EmailSenderEnv,
  fetchFn: FetchLike,
): Promise<SendResult> {
  const request = await buildChannelOutbound(config, event, context);
  if (isEmail(request)) return { ...(await sendEmail(env.EMAIL, request)), channelGone: false };
  const refusal = urlRefusal(request.url, env);
  const result = refusal ? unanswered("rejected", `not sent: the URL ${refusal}`) : await sendRequest(request, fetchFn, context.now);
  return { ...result, channelGone: false };
}
