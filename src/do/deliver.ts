import { CHANNEL_GONE, type SendResult, sendToChannel } from "../channels/send";
import type { ChannelConfig } from "../channels/types";
import { getChannel } from "../db/channels";
import type { DeliveryRecord } from "../db/deliveries";
import { readStored } from "../db/stored/format";
import { nextAttemptAt } from "../domain/backoff";
import { type FetchLike, unanswered } from "../transports/http";
import { ChannelCache, cachedChannelOf } from "./channel-cache";
import type { DeliveryJob } from "./jobs";
import { DELIVERY_JOB } from "./outbox-payloads";
import type { ObjectStore, OutboxJob } from "./storage/object-store";

export interface DeliveryAttempt {
  record: DeliveryRecord;
  /** Null when the job is finished (delivered or given up); otherwise when to try again. */
  retryAt: number | null;
  /** Set when the receiver refused for good: the channel is marked failing with this reason. */
  channelFailing: string | null;
}

const unreadable = (err: unknown): SendResult => ({
  ...unanswered("retry", `could not read channel: ${err instanceof Error ? err.message : String(err)}`),
  channelGone: false,
});

/**
 * The channel as this object holds it (pushed on every change, so a retry uses the newest edit), with
 * no D1 read. Only a channel not held here is read from D1: an object configured before the cache
 * existed (filled as it goes), or a channel the monitor no longer names. Null: deleted.
 */
async function channelConfig(env: Env, cache: ChannelCache, channelId: string): Promise<ChannelConfig | null> {
  const held = cache.get(channelId);
  if (held) return held;
  const record = await getChannel(env.DB, channelId);
  if (record) cache.remember(cachedChannelOf(record));
  return record?.config ?? null;
}

async function attempt(
  env: Env,
  store: ObjectStore,
  job: DeliveryJob,
  messageId: string,
  now: number,
  fetchFn: FetchLike,
): Promise<SendResult> {
  let config: ChannelConfig | null;
  try {
    config = await channelConfig(env, new ChannelCache(store), job.record.channelId);
  } catch (err) {
    return unreadable(err);
  }
  if (!config) return CHANNEL_GONE;
  return sendToChannel(config, job.event, { messageId, now, publicBaseUrl: env.PUBLIC_BASE_URL || null }, env, fetchFn);
}

/** Makes one attempt at one outbox delivery and says what to record. Never throws for a receiver's fault. */
export async function attemptDelivery(
  env: Env,
  store: ObjectStore,
  outboxJob: OutboxJob,
  now: number,
  fetchFn: FetchLike,
): Promise<DeliveryAttempt> {
  const job = readStored(DELIVERY_JOB, outboxJob.payload);
  const result = await attempt(env, store, job, outboxJob.id, now, fetchFn);
  // The backoff counts from the end of the attempt: after a 10 s timeout the retry still waits its full delay.
  const end = Math.max(now, Date.now());
  const attempts = outboxJob.attempts + 1;
  const retryAt = result.outcome === "retry" ? nextAttemptAt(outboxJob.createdAt, attempts, end, result.retryAfterMs, Math.random()) : null;
  const status = result.outcome === "delivered" ? "delivered" : retryAt === null ? "failed" : "pending";
  const record: DeliveryRecord = {
    ...job.record,
    status,
    attempts,
    lastStatusCode: result.statusCode,
    lastError: result.error,
    nextAttemptAt: retryAt,
    deliveredAt: status === "delivered" ? end : null,
    updatedAt: end,
  };
  // A deleted channel is nobody's fault to show; any other final refusal marks the channel failing.
  const channelFailing = result.outcome === "rejected" && !result.channelGone ? result.error : null;
  return { record, retryAt, channelFailing };
}
