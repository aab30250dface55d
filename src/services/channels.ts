import { buildChannelRequest, urlRefusal } from "../channels";
import { applyConfigPatch, configFromInput, userGivenUrl } from "../channels/config";
import { testAlertEvent } from "../channels/test-event";
import type { ChannelConfig, ChannelInput, ChannelPatch } from "../channels/types";
import { type ChannelRecord, deleteChannel, insertChannel, updateChannel } from "../db/channels";
import { ApiError } from "../errors";
import { newId } from "../ids";
import { type AttemptResult, sendRequest } from "../transports/http";
import { forgetChannel } from "./monitors";

/** Checked on the URL the channel will call, whichever field of its type holds it. */
function assertUrlAllowed(env: Env, config: ChannelConfig): void {
  const target = userGivenUrl(config);
  const problem = target ? urlRefusal(target.url, env) : null;
  if (target && problem) {
    throw new ApiError(400, "invalid_request", `invalid body: ${target.field}`, [{ path: target.field, message: problem }]);
  }
}

export async function createChannel(env: Env, input: ChannelInput, now: number): Promise<ChannelRecord> {
  const config = configFromInput(input);
  assertUrlAllowed(env, config);
  const record: ChannelRecord = {
    id: newId("chn"),
    type: input.type,
    name: input.name,
    config,
    status: "ok",
    failingReason: null,
    createdAt: now,
    updatedAt: now,
  };
  await insertChannel(env.DB, record);
  return record;
}

/** `patch` must have been validated by `channelPatchInput(record.type)`. */
export async function editChannel(env: Env, record: ChannelRecord, patch: ChannelPatch, now: number): Promise<ChannelRecord> {
  const { name, ...configPatch } = patch;
  const config = applyConfigPatch(record.config, configPatch);
  assertUrlAllowed(env, config);
  const updated: ChannelRecord = { ...record, name: name ?? record.name, config, status: "ok", failingReason: null, updatedAt: now };
  await updateChannel(env.DB, updated);
  return updated;
}

/** Monitors that used the channel stop naming it (in flat lists and escalation steps) before it goes. */
export async function removeChannel(env: Env, id: string, now: number): Promise<void> {
  await forgetChannel(env, id, now);
  await deleteChannel(env.DB, id);
}

/**
 * Sends one clearly marked test alert, once, outside the outbox: no retry, no delivery record, and
 * the channel's status is left alone. A receiver's fault is reported in the result, never thrown.
 */
export async function sendTestMessage(env: Env, channel: ChannelRecord, now: number): Promise<AttemptResult> {
  const context = { messageId: newId("evt"), now, publicBaseUrl: env.PUBLIC_BASE_URL || null, test: true };
  const request = await buildChannelRequest(channel.config, testAlertEvent(now), context);
  const refusal = urlRefusal(request.url, env);
  if (refusal) return { outcome: "rejected", statusCode: null, error: `not sent: the URL ${refusal}`, retryAfterMs: null, bodyExcerpt: "" };
  // Looked up at call time, so tests that spy on globalThis.fetch see the request.
  return sendRequest(request, (input, init) => fetch(input, init), now);
}
