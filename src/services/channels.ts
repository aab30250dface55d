import { channelKind } from "../channels/registry";
import { type SendResult, sendToChannel } from "../channels/send";
import { testAlertEvent } from "../channels/test-event";
import type { ChannelConfig, ChannelInput, ChannelPatch } from "../channels/types";
import { urlRefusal } from "../channels/url-safety";
import { type ChannelRecord, clearChannelFailing, deleteChannel, insertChannel, updateChannel } from "../db/channels";
import { ALL_CHANNEL_EVENTS, CHANNEL_EVENTS, type ChannelEvent } from "../domain/channel-events";
import { invalidInput } from "../errors";
import { newId } from "../ids";
import { pushEditedChannel } from "./channel-push";
import { assertRoomFor, insertWithinLimit } from "./limits";
import { forgetChannel } from "./monitors";

/** The `events` a body its kind's schema accepted gives (kind.ts adds the field to every kind), else `current`. */
function eventsOf(body: Record<string, unknown>, current: ChannelEvent[]): ChannelEvent[] {
  return body.events === undefined ? current : CHANNEL_EVENTS.array().parse(body.events);
}

/** Checked on every URL its user gave the channel, whichever fields of its kind hold them. */
function assertUrlsAllowed(env: Env, config: ChannelConfig): void {
  const refused = channelKind(config.type)
    .userUrls(config)
    .flatMap(({ field, url }) => {
      const problem = urlRefusal(url, env);
      return problem ? [{ path: field, message: problem }] : [];
    });
  if (refused.length > 0) {
    throw invalidInput("body", refused);
  }
}

/** A kind this deployment cannot send to (the email binding's, without the binding) is refused with what to add. */
function assertKindAvailable(env: Env, type: string): void {
  const missing = channelKind(type).unavailable(env);
  if (missing) throw invalidInput("body", [{ path: "type", message: missing }]);
}

export async function createChannel(env: Env, teamId: string, input: ChannelInput, now: number): Promise<ChannelRecord> {
  assertKindAvailable(env, input.type);
  const config = channelKind(input.type).configFromInput(input);
  assertUrlsAllowed(env, config);
  await assertRoomFor(env, teamId, "channels");
  const record: ChannelRecord = {
    id: newId("chn"),
    teamId,
    type: input.type,
    name: input.name,
    config,
    events: eventsOf(input, [...ALL_CHANNEL_EVENTS]),
    status: "ok",
    failingReason: null,
    createdAt: now,
    updatedAt: now,
  };
  await insertWithinLimit(env, teamId, "channels", (max) => insertChannel(env.DB, record, max));
  return record;
}

/**
 * `patch` must have been validated by its kind's schema, `channelKind(record.type).patch`. D1 first, then the objects of
 * the monitors that use the channel: their pending retries go out with the new configuration.
 */
export async function editChannel(env: Env, record: ChannelRecord, patch: ChannelPatch, now: number): Promise<ChannelRecord> {
  const { name, ...configPatch } = patch;
  const config = channelKind(record.type).applyPatch(record.config, configPatch);
  assertUrlsAllowed(env, config);
  const events = eventsOf(configPatch, record.events);
  const updated: ChannelRecord = {
    ...record,
    name: name ?? record.name,
    config,
    events,
    status: "ok",
    failingReason: null,
    updatedAt: now,
  };
  await updateChannel(env.DB, updated);
  await pushEditedChannel(env, updated);
  return updated;
}

/**
 * Monitors that used the channel stop naming it (in flat lists and escalation steps) before it goes;
 * their objects drop it, so deliveries still pending for it end as "channel was deleted".
 */
export async function removeChannel(env: Env, channel: ChannelRecord, now: number): Promise<void> {
  await forgetChannel(env, channel, now);
  await deleteChannel(env.DB, channel.id);
}

/**
 * Sends one clearly marked test alert, once, outside the outbox: no retry, no delivery record. A failing
 * channel that accepts it is failing no more: D1 and the objects of its monitors are told, so its
 * monitors' later events are sent to it again. A receiver's fault is reported in the result, never thrown.
 */
export async function sendTestMessage(env: Env, channel: ChannelRecord, now: number): Promise<SendResult> {
  const context = { messageId: newId("evt"), now, publicBaseUrl: env.PUBLIC_BASE_URL || null, test: true };
  // fetch is looked up at call time, so tests that spy on globalThis.fetch see the request.
  const result = await sendToChannel(channel.config, testAlertEvent(now), context, env, (input, init) => fetch(input, init));
  if (result.outcome === "delivered" && channel.status === "failing" && (await clearChannelFailing(env.DB, channel.id, now))) {
    await pushEditedChannel(env, { ...channel, status: "ok", failingReason: null, updatedAt: now });
  }
  return result;
}
