import { DurableObject } from "cloudflare:workers";
import { secretsEqual } from "../auth";
import type { DeliveryRecord } from "../db/deliveries";
import { ObjectStore, type OutboxJob, SYNC_LANE } from "../db/object-store";
import { FIRST_RETRY_MS } from "../domain/backoff";
import {
  applyConfig,
  applyDelete,
  applyPing,
  evaluate,
  initialState,
  type MonitorConfig,
  type MonitorState,
  nextDeadline,
  nextWakeAt,
  type Transition,
} from "../domain/monitor";
import { newId } from "../ids";
import { attemptDelivery } from "./deliver";
import { jobsForTransition, type NewJob, type SyncItem, syncJob } from "./jobs";
import { syncStatement } from "./sync";

/** What the API shows of a monitor's live state. */
export interface MonitorSnapshot {
  config: MonitorConfig;
  state: MonitorState;
  nextDueAt: number | null;
}

const SYNC_BATCH = 50;
const MAX_DRAIN_ROUNDS = 20;
const newAlertId = () => newId("alt");

/**
 * One monitor's live state. Every ping lands here (never in D1); the storage alarm wakes it at the
 * next deadline, escalation step or reminder, or when outbox work is due. Storage: `config` and
 * `state` in kv, and the outbox. A deleted monitor keeps only its outbox until that has drained.
 */
export class MonitorObject extends DurableObject<Env> {
  private readonly store: ObjectStore;
  private config: MonitorConfig | null = null;
  private state: MonitorState | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new ObjectStore(ctx.storage.sql);
    if (this.store.exists()) {
      this.config = this.store.read<MonitorConfig>("config");
      this.state = this.store.read<MonitorState>("state");
    }
  }

  /** Creates or replaces the configuration; a changed interval or pause takes effect at once. */
  async configure(config: MonitorConfig): Promise<MonitorSnapshot> {
    const now = Date.now();
    if (!this.store.exists()) this.store.createSchema();
    const transition: Transition = this.state
      ? applyConfig(config, this.state, now, newAlertId)
      : { state: initialState(config, now), events: [] };
    this.ctx.storage.transactionSync(() => {
      this.store.write("config", config);
      this.config = config;
      this.commit(transition, now);
    });
    await this.schedule();
    return this.requireSnapshot();
  }

  /** Returns false, writing nothing, when no monitor has this token. */
  async ping(token: string): Promise<boolean> {
    const { config, state } = this;
    if (!config || !state || !(await secretsEqual(token, config.pingToken))) return false;
    const now = Date.now();
    this.ctx.storage.transactionSync(() => this.commit(applyPing(config, state, now, newAlertId), now));
    await this.schedule();
    return true;
  }

  async snapshot(): Promise<MonitorSnapshot | null> {
    return this.config && this.state ? this.requireSnapshot() : null;
  }

  /** Stops the monitor for good. Its open alert is closed (receivers are told) before storage is freed. */
  async remove(): Promise<void> {
    if (!this.config || !this.state) return;
    const now = Date.now();
    const state = this.state;
    this.ctx.storage.transactionSync(() => {
      this.commit(applyDelete(state, now), now);
      this.store.remove("config");
    });
    this.config = null;
    this.state = null;
    await this.schedule();
  }

  /** Sends a delivery again now (by hand), with the same `webhook-id` and a fresh retry window. */
  async retryDelivery(record: DeliveryRecord): Promise<DeliveryRecord> {
    const now = Date.now();
    if (!this.store.exists()) this.store.createSchema();
    const pending: DeliveryRecord = { ...record, status: "pending", nextAttemptAt: now, updatedAt: now };
    this.ctx.storage.transactionSync(() => {
      if (this.store.hasJob(record.id)) this.store.reschedule(record.id, record.attempts, now);
      else
        this.store.enqueue({
          id: record.id,
          lane: record.channelId,
          payload: { record: pending, event: JSON.parse(record.payload) },
          at: now,
          attempts: record.attempts,
        });
      this.store.enqueue(syncJob({ kind: "delivery", record: pending }, now));
    });
    await this.schedule();
    return pending;
  }

  /** Idempotent: recomputes everything from storage, so a repeated or retried alarm changes nothing twice. */
  override async alarm(): Promise<void> {
    if (this.config && this.state) {
      const { config, state } = this;
      const now = Date.now();
      this.ctx.storage.transactionSync(() => this.commit(evaluate(config, state, now, newAlertId), now));
    }
    await this.drainOutbox();
    await this.schedule();
  }

  private requireSnapshot(): MonitorSnapshot {
    if (!this.config || !this.state) throw new Error("monitor is not configured");
    return { config: this.config, state: this.state, nextDueAt: nextDeadline(this.config, this.state) };
  }

  /** Saves the new state with the outbox jobs it causes. Call inside a transaction. */
  private commit(transition: Transition, now: number): void {
    const config = this.config;
    if (!config) return;
    for (const job of jobsForTransition(config, transition, now)) this.store.enqueue(job);
    this.store.write("state", transition.state);
    this.state = transition.state;
  }

  /** One alarm serves both the deadline and the outbox: it is set to whichever comes first. */
  private async schedule(): Promise<void> {
    if (!this.store.exists()) return;
    const deadline = this.config && this.state ? nextWakeAt(this.config, this.state) : null;
    const outbox = this.store.nextDueAt();
    const wakeAt = deadline === null ? outbox : outbox === null ? deadline : Math.min(deadline, outbox);
    if (wakeAt !== null) {
      await this.ctx.storage.setAlarm(wakeAt);
    } else if (!this.config) {
      // Deleted, and the outbox has drained: free the storage (this also drops the schema).
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
    } else {
      await this.ctx.storage.deleteAlarm();
    }
  }

  private async drainOutbox(): Promise<void> {
    for (let round = 0; round < MAX_DRAIN_ROUNDS; round++) {
      const now = Date.now();
      const heads = this.store.dueHeads(now);
      if (heads.length === 0) return;
      await Promise.all(heads.map((job) => (job.lane === SYNC_LANE ? this.runSync(now) : this.runDelivery(job, now))));
    }
  }

  private async runSync(now: number): Promise<void> {
    const jobs = this.store.dueInLane(SYNC_LANE, now, SYNC_BATCH);
    const items = jobs.map((job) => JSON.parse(job.payload) as SyncItem);
    try {
      await this.env.DB.batch(items.map((item) => syncStatement(this.env.DB, item)));
      this.store.finish(jobs.map((job) => job.id));
    } catch (err) {
      const head = jobs[0] as OutboxJob;
      console.error("D1 sync failed; will retry", this.config?.id, err);
      this.store.reschedule(head.id, head.attempts + 1, now + Math.min(FIRST_RETRY_MS * 2 ** head.attempts, 600_000));
    }
  }

  private async runDelivery(job: OutboxJob, now: number): Promise<void> {
    const result = await attemptDelivery(this.env, job, now, (url, init) => fetch(url, init));
    const followUps: NewJob[] = [syncJob({ kind: "delivery", record: result.record }, now)];
    if (result.channelFailing) {
      followUps.push(syncJob({ kind: "channel_failing", channelId: result.record.channelId, reason: result.channelFailing, at: now }, now));
    }
    this.ctx.storage.transactionSync(() => {
      if (result.retryAt === null) this.store.finish([job.id]);
      else this.store.reschedule(job.id, result.record.attempts, result.retryAt);
      for (const followUp of followUps) this.store.enqueue(followUp);
    });
  }
}
