import { buildChannelRequest, urlRefusal } from "../channels";
import { getChannel } from "../db/channels";
import type { DeliveryRecord } from "../db/deliveries";
import type { OutboxJob } from "../db/object-store";
import { nextAttemptAt } from "../domain/backoff";
import { type AttemptResult, type FetchLike, sendRequest } from "../transports/http";
import type { DeliveryJob } from "./jobs";

export interface DeliveryAttempt {
  record: DeliveryRecord;
  /** Null when the job is finished (delivered or given up); otherwise when to try again. */
  retryAt: number | null;
  /** Set when the receiver refused for good: the channel is marked failing with this reason. */
  channelFailing: string | null;
}

const failure = (error: string, outcome: AttemptResult["outcome"] = "retry"): AttemptResult => ({
  outcome,
  statusCode: null,
  error,
  retryAfterMs: null,
  bodyExcerpt: "",
});

async function attempt(env: Env, job: DeliveryJob, messageId: string, now: number, fetchFn: FetchLike): Promise<AttemptResult> {
  let channel: Awaited<ReturnType<typeof getChannel>>;
  try {
    channel = await getChannel(env.DB, job.record.channelId);
  } catch (err) {
    return failure(`could not read channel: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!channel) return failure("channel was deleted", "rejected");
  const request = await buildChannelRequest(channel.config, job.event, { messageId, now, publicBaseUrl: env.PUBLIC_BASE_URL || null });
  // Checked again at send time: a channel stored before a rule existed, or under another setting, is refused too.
  const refusal = urlRefusal(request.url, env);
  if (refusal) return failure(`not sent: the URL ${refusal}`, "rejected");
  return sendRequest(request, fetchFn, now);
}

/** Makes one attempt at one outbox delivery and says what to record. Never throws for a receiver's fault. */
export async function attemptDelivery(env: Env, outboxJob: OutboxJob, now: number, fetchFn: FetchLike): Promise<DeliveryAttempt> {
  const job = JSON.parse(outboxJob.payload) as DeliveryJob;
  const result = await attempt(env, job, outboxJob.id, now, fetchFn);
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
  const channelFailing = result.outcome === "rejected" && result.error !== "channel was deleted" ? result.error : null;
  return { record, retryAt, channelFailing };
}
