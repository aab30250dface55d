import { DurableObject } from "cloudflare:workers";
import { sendToChannel } from "../channels/send";
import { channelFailingStatement, getChannel } from "../db/channels";
import type { DeliveryRecord } from "../db/deliveries";
import { upsertDeliveryStatement } from "../db/deliveries";
import { groupAlertEvents } from "../domain/alert-event";
import { type AlertGrouping, admitNotice, dueGroups, type HeldNotice } from "../domain/alert-group";
import { nextAttemptAt } from "../domain/backoff";
import { newId } from "../ids";
import { log, loggedError } from "../log";
import { type GroupRow, loadGroupRow, type OutgoingGroup, saveGroupRow } from "./alert-group-storage";
import type { GroupChannel } from "./channel-cache";
import { pushFailingChannel } from "./channel-fanout";
import type { DeliveryJob } from "./jobs";

/** What a monitor's outbox hands the grouping point: one delivery, before its first attempt. */
export interface GroupAdmission {
  job: DeliveryJob;
  channel: GroupChannel;
  grouping: AlertGrouping;
}

export type GroupVerdict = { verdict: "send" } | { verdict: "hold"; groupId: string };

/** Retry soon when D1 is down: it only holds the log; the messages themselves are already out. */
const UNSYNCED_RETRY_MS = 5_000;

/**
 * One channel's grouping point for alert storms (domain/alert-group.ts), named by the channel's id and
 * reached by RPC from each monitor's outbox. It answers "send" (the outbox sends as always, at once) or
 * "hold": it has stored the delivery, and sends it in one grouped message with the others when its alarm
 * fires at the window's end, retrying as the outbox does, and writes each member's record to D1 (naming
 * the group). A held delivery is the object's from then on: the outbox records it and lets it go.
 */
export class AlertGroupObject extends DurableObject<Env> {
  /** Storage awaits keep the input gate closed, so each admission's read-modify-write is atomic. */
  async admit(admission: GroupAdmission): Promise<GroupVerdict> {
    const now = Date.now();
    const row = await loadGroupRow(this.ctx.storage);
    const { record } = admission.job;
    const notice = { deliveryId: record.id, alertId: record.alertId, notice: admission.job.event.type };
    const known = row.members[record.id] ? groupOf(row, record.id) : null;
    if (known) return { verdict: "hold", groupId: known }; // a retried hand-over: already held
    const decided = admitNotice(row.state, notice, admission.grouping, now);
    const channel = newerChannel(row.channel, admission.channel);
    if (decided.verdict === "send") {
      await saveGroupRow(this.ctx.storage, { ...row, state: decided.state, channel });
      return { verdict: "send" };
    }
    const groupId = row.groupIds[notice.notice] ?? newId("grp");
    const members = { ...row.members, [record.id]: { ...admission.job, record: { ...record, groupId } } };
    const groupIds = { ...row.groupIds, [notice.notice]: groupId };
    await saveGroupRow(this.ctx.storage, { ...row, state: decided.state, groupIds, members, channel });
    await this.schedule();
    return { verdict: "hold", groupId };
  }

  override async alarm(): Promise<void> {
    await this.releaseDueGroups(Date.now());
    await this.syncRecords();
    const due = (await loadGroupRow(this.ctx.storage)).outgoing.filter((group) => group.nextAttemptAt <= Date.now());
    for (const group of due) await this.sendGroup(group);
    await this.syncRecords();
    await this.schedule();
  }

  /** The window is over: its held deliveries become grouped messages, one per notice type, openings first. */
  private async releaseDueGroups(now: number): Promise<void> {
    const row = await loadGroupRow(this.ctx.storage);
    const { groups, state } = dueGroups(row.state, now);
    if (groups.length === 0) return;
    const outgoing = groups.map(
      (group): OutgoingGroup => ({
        groupId: row.groupIds[group.notice] ?? newId("grp"),
        notice: group.notice,
        deliveryIds: group.members.map((member: HeldNotice) => member.deliveryId),
        attempts: 0,
        createdAt: now,
        nextAttemptAt: now,
      }),
    );
    await saveGroupRow(this.ctx.storage, { ...row, state, groupIds: {}, outgoing: [...row.outgoing, ...outgoing] });
  }

  /** One attempt at one grouped message; its members' records say how it went, as a delivery of their own would. */
  private async sendGroup(group: OutgoingGroup): Promise<void> {
    const before = await loadGroupRow(this.ctx.storage);
    const jobs = group.deliveryIds.flatMap((id) => before.members[id] ?? []);
    if (jobs.length === 0) return this.finish(group, []);
    const channel = before.channel && (await this.currentChannel(before.channel));
    if (!channel) {
      // Deleted during the window (or, which cannot happen, never handed over): final, as for a lone delivery.
      log({ event: "alert_group.channel_gone", group_id: group.groupId });
      const failed = jobs.map(
        (job): DeliveryRecord => ({ ...job.record, status: "failed", lastError: "channel was deleted", updatedAt: Date.now() }),
      );
      return this.finish(group, failed);
    }
    const event = groupAlertEvents(
      group.groupId,
      jobs.map((job) => job.event),
    );
    const now = Date.now();
    const context = { messageId: group.groupId, now, publicBaseUrl: this.env.PUBLIC_BASE_URL || null };
    const result = await sendToChannel(channel.config, event, context, this.env, (url, init) => fetch(url, init)).catch((err: unknown) => {
      log({ event: "alert_group.send_failed", group_id: group.groupId, error: loggedError(err) });
      return {
        outcome: "retry" as const,
        statusCode: null,
        error: `could not be sent: ${String(err).slice(0, 120)}`,
        retryAfterMs: null,
      };
    });
    const end = Math.max(now, Date.now());
    const attempts = group.attempts + 1;
    const retryAt = result.outcome === "retry" ? nextAttemptAt(group.createdAt, attempts, end, result.retryAfterMs, Math.random()) : null;
    const status = result.outcome === "delivered" ? "delivered" : retryAt === null ? "failed" : "pending";
    const records = jobs.map(
      (job): DeliveryRecord => ({
        ...job.record,
        groupId: group.groupId,
        status,
        attempts,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        nextAttemptAt: retryAt,
        deliveredAt: status === "delivered" ? end : null,
        updatedAt: end,
      }),
    );
    if (result.outcome === "rejected" && result.error !== null) await this.markFailing(channel.id, result.error, end);
    if (retryAt === null) return this.finish(group, records);
    const row = await loadGroupRow(this.ctx.storage);
    const outgoing = row.outgoing.map((g) => (g.groupId === group.groupId ? { ...g, attempts, nextAttemptAt: retryAt } : g));
    await saveGroupRow(this.ctx.storage, { ...row, outgoing, unsynced: [...row.unsynced, ...records] });
  }

  /**
   * The receiver refused the grouped message for good (its "gone" or bad-key answer): the channel is marked
   * failing in D1 and in its monitors' objects, as a lone delivery's refusal marks it (outbox-runner.ts), so
   * their later events skip it until a test or an edit. Best effort: a monitor not told finds out by its own
   * refusal, and a D1 failure is logged.
   */
  private async markFailing(channelId: string, reason: string, at: number): Promise<void> {
    try {
      await channelFailingStatement(this.env.DB, channelId, reason, at).run();
    } catch (err) {
      log({ event: "alert_group.sync_failed", error: loggedError(err) });
    }
    await pushFailingChannel(this.env, channelId, reason, at, "");
  }

  private async finish(group: OutgoingGroup, records: DeliveryRecord[]): Promise<void> {
    const row = await loadGroupRow(this.ctx.storage);
    const members = Object.fromEntries(Object.entries(row.members).filter(([id]) => !group.deliveryIds.includes(id)));
    const outgoing = row.outgoing.filter((g) => g.groupId !== group.groupId);
    await saveGroupRow(this.ctx.storage, { ...row, members, outgoing, unsynced: [...row.unsynced, ...records] });
  }

  /**
   * The channel as D1 has it now (an edit during the window applies, a deletion stops the send), once per
   * grouped message; null when it was deleted. When D1 cannot answer, the copy handed over is used.
   */
  private async currentChannel(held: GroupChannel): Promise<GroupChannel | null> {
    try {
      const record = await getChannel(this.env.DB, held.id);
      if (!record) return null;
      return record.updatedAt >= held.updatedAt
        ? { id: record.id, type: record.type, config: record.config, updatedAt: record.updatedAt }
        : held;
    } catch (err) {
      // Sent with the copy held.
      log({ event: "alert_group.channel_read_failed", channel_id: held.id, error: loggedError(err) });
      return held;
    }
  }

  /** Writes the members' records to D1; kept for the next alarm when D1 fails (the log waits, the messages do not). */
  private async syncRecords(): Promise<void> {
    const row = await loadGroupRow(this.ctx.storage);
    if (row.unsynced.length === 0) return;
    try {
      await this.env.DB.batch(row.unsynced.map((record) => upsertDeliveryStatement(this.env.DB, record)));
    } catch (err) {
      // Kept for the next alarm.
      log({ event: "alert_group.sync_failed", error: loggedError(err) });
      return;
    }
    const after = await loadGroupRow(this.ctx.storage);
    await saveGroupRow(this.ctx.storage, { ...after, unsynced: after.unsynced.slice(row.unsynced.length) });
  }

  private async schedule(): Promise<void> {
    const row = await loadGroupRow(this.ctx.storage);
    const times = [row.state.flushAt, ...row.outgoing.map((group) => group.nextAttemptAt)].filter((t): t is number => t !== null);
    if (row.unsynced.length > 0) times.push(Date.now() + UNSYNCED_RETRY_MS);
    if (times.length > 0) await this.ctx.storage.setAlarm(Math.min(...times));
    else await this.ctx.storage.deleteAlarm();
  }
}

/** The group id a held delivery will go (or went) out in. */
function groupOf(row: GroupRow, deliveryId: string): string | null {
  const pending = row.outgoing.find((group) => group.deliveryIds.includes(deliveryId));
  return pending?.groupId ?? row.members[deliveryId]?.record.groupId ?? null;
}

/** Of the copy this object holds and the one a monitor hands over, the newer edit. */
const newerChannel = (held: GroupChannel | null, given: GroupChannel): GroupChannel =>
  held && held.updatedAt > given.updatedAt ? held : given;

/** The grouping point of one channel. */
export const alertGroupStub = (env: Env, channelId: string) => env.ALERT_GROUP.get(env.ALERT_GROUP.idFromName(channelId));
