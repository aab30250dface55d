import { groupsAlerts } from "../channels/grouping";
import { readStored } from "../db/stored/format";
import type { AlertGrouping } from "../domain/alert-group";
import { log, loggedError } from "../log";
import { alertGroupStub } from "./alert-group-object";
import { ChannelCache } from "./channel-cache";
import type { DeliveryAttempt } from "./deliver";
import { DELIVERY_JOB } from "./outbox-payloads";
import type { ObjectStore, OutboxJob } from "./storage/object-store";

/**
 * The outbox's hop to the channel's grouping point (AlertGroupObject), before a delivery's first attempt,
 * when the team groups alert storms and the channel's kind lists alerts in one message. Null: send it now,
 * as always. Otherwise the grouping point has stored it (to send in its grouped message): the delivery is
 * recorded as pending in that group and leaves this outbox.
 *
 * Never loses a delivery: if the hop fails (the object throws, is unreachable, answers late), the delivery
 * is sent on its own at once, and the failure is logged. The worst case, a hop that stored the delivery
 * but whose answer was lost, sends it twice (on its own and in the group), never zero times.
 */
export async function holdInGroup(
  env: Env,
  store: ObjectStore,
  outboxJob: OutboxJob,
  grouping: AlertGrouping | null,
  now: number,
): Promise<DeliveryAttempt | null> {
  if (!grouping?.enabled || outboxJob.attempts > 0) return null;
  try {
    const job = readStored(DELIVERY_JOB, outboxJob.payload);
    const channel = new ChannelCache(store).getCached(job.record.channelId);
    if (!channel || !groupsAlerts(channel.type)) return null;
    const answer = await alertGroupStub(env, channel.id).admit({ job, channel, grouping });
    if (answer.verdict === "send") return null;
    const record = { ...job.record, groupId: answer.groupId, updatedAt: now };
    return { record, retryAt: null, channelFailing: null };
  } catch (err) {
    // Sent on its own at once: a storm may cost a duplicate, never a lost alert.
    log({ event: "alert_group.hop_failed", delivery_id: outboxJob.id, error: loggedError(err) });
    return null;
  }
}
