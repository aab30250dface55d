import type { AlertEventPayload } from "../domain/alert-event";
import type { OutboundRequest } from "../transports/http";
import type { UserGivenUrl } from "./kind";
import { channelKind } from "./registry";
import { channelSecrets } from "./secrets";
import type { ChannelConfig, ChannelInput, ChannelPatch, DeliveryContext } from "./types";
import { urlProblem } from "./url-safety";

/** Turns an event into the request the channel's receiver expects, with what the transport needs to judge the answer. */
export async function buildChannelRequest(
  config: ChannelConfig,
  event: AlertEventPayload,
  context: DeliveryContext,
): Promise<OutboundRequest> {
  const kind = channelKind(config.type);
  const request = await kind.buildRequest(config, event, context);
  return { ...request, permanentStatuses: kind.permanentStatuses, secrets: channelSecrets(config) };
}

/** The stored configuration for a new channel: the input minus its name, with every default filled in. */
export function configFromInput(input: ChannelInput): ChannelConfig {
  return channelKind(input.type).configFromInput(input);
}

/**
 * Applies a PATCH that was validated by the channel kind's own patch schema. Absent (undefined) fields
 * keep their value; null is kept (it clears ntfy's token). The result is read through the kind's stored
 * schema, so a patch can never leave a configuration its kind cannot read.
 */
export function applyConfigPatch(config: ChannelConfig, patch: Omit<ChannelPatch, "name">): ChannelConfig {
  const changes = Object.entries(patch).filter(([key, value]) => key !== "type" && value !== undefined);
  return channelKind(config.type).parseConfig({ ...config, ...Object.fromEntries(changes), type: config.type });
}

/** The URLs its user gave this channel, each of which must be https and public unless ALLOW_INSECURE_WEBHOOKS. */
export function userGivenUrls(config: ChannelConfig): UserGivenUrl[] {
  return channelKind(config.type).userUrls(config);
}

/**
 * Why this deployment must not call `url`, or null when it may: checked on create, edit and every send.
 * Plain http and private, loopback or link-local targets are for local development only (ALLOW_INSECURE_WEBHOOKS).
 */
export function urlRefusal(url: string, env: Pick<Env, "ALLOW_INSECURE_WEBHOOKS">): string | null {
  return urlProblem(url, { allowInsecure: env.ALLOW_INSECURE_WEBHOOKS === "true" });
}
