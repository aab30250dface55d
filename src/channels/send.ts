import type { AlertEventPayload } from "../domain/alert-event";
import { type AttemptResult, type FetchLike, type OutboundRequest, sendRequest, unanswered } from "../transports/http";
import { channelKind } from "./registry";
import { channelSecrets } from "./secrets";
import type { ChannelConfig, DeliveryContext } from "./types";
import { urlRefusal } from "./url-safety";

/** What a send came to. `channelGone`: the channel was deleted, so the failure is not the receiver's (it is not marked failing). */
export type SendResult = AttemptResult & { channelGone: boolean };

/** A delivery to a channel deleted since the event: final, and nobody's fault to show on the channel. */
export const CHANNEL_GONE: SendResult = { ...unanswered("rejected", "channel was deleted"), channelGone: true };

/** Turns an event into the request the channel's receiver expects, with what the transport needs to judge the answer. */
export async function buildChannelRequest(
  config: ChannelConfig,
  event: AlertEventPayload,
  context: DeliveryContext,
): Promise<OutboundRequest> {
  const kind = channelKind(config.type);
  const request = await kind.buildRequest(config, event, context);
  return { ...request, permanentStatuses: kind.permanentStatuses, secrets: channelSecrets(config, sentCredentials(request)) };
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
 * request, check its URL again (a channel stored before a rule existed, or under another setting, is
 * refused too), send it. A receiver's fault is reported in the result, never thrown.
 */
export async function sendToChannel(
  config: ChannelConfig,
  event: AlertEventPayload,
  context: DeliveryContext,
  env: Pick<Env, "ALLOW_INSECURE_WEBHOOKS">,
  fetchFn: FetchLike,
): Promise<SendResult> {
  const request = await buildChannelRequest(config, event, context);
  const refusal = urlRefusal(request.url, env);
  const result = refusal ? unanswered("rejected", `not sent: the URL ${refusal}`) : await sendRequest(request, fetchFn, context.now);
  return { ...result, channelGone: false };
}
