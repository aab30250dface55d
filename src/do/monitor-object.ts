import { DurableObject } from "cloudflare:workers";
import { tokensEqual } from "../auth";
import type { DeliveryRecord } from "../db/deliveries";
import { ObjectStore } from "../db/object-store";
import { type PingEntry, PingLog } from "../db/ping-log";
import { applyCheckIn } from "../domain/checkin";
import {
  applyConfig,
  applyDelete,
  evaluate,
  initialState,
  type MonitorConfig,
  type MonitorState,
  nextDueAt,
  nextWakeAt,
  type Transition,
} from "../domain/monitor";
import { applyKeywords, resumesPaused, type Signal } from "../domain/signals";
import { newId } from "../ids";
import { jobsForTransition, syncJob } from "./jobs";
import { OutboxRunner } from "./outbox-runner";
import { effectiveSignal, type PingInput, pingLogEntry } from "./ping-input";

/** What the API shows of a monitor's live state. */
export interface MonitorSnapshot {
  config: MonitorConfig;
  state: MonitorState;
  nextDueAt: number | null;
}

const newAlertId = () => newId("alt");

/**
 * One monitor's live state. Every ping lands here (never in D1); the storage alarm wakes it at the
 * next deadline, run timeout, escalation step, reminder or window end, or when outbox work is due.
 * Storage: `config` and `state` in kv, the outbox, and the ping log. A deleted monitor keeps only its
 * outbox until that has drained.
 */
export class MonitorObject extends DurableObject<Env> {
  private readonly store: ObjectStore;
  private readonly pingLog: PingLog;
  private readonly outbox: OutboxRunner;
  private config: MonitorConfig | null = null;
  private state: MonitorState | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new ObjectStore(ctx.storage);
    this.pingLog = new PingLog(ctx.storage.sql);
    this.outbox = new OutboxRunner(this.store, ctx.storage, env);
    this.reload();
  }

  /** Reads the configuration and state from storage (the state from the newest ping, else kv). */
  private reload(): void {
    this.store.forgetCache();
    this.pingLog.forget();
    this.config = null;
    this.state = null;
    if (!this.store.exists()) return;
    this.config = this.store.read<MonitorConfig>("config");
    const latest = this.pingLog.latestState();
    this.state = latest === null ? this.store.read<MonitorState>("state") : (JSON.parse(latest) as MonitorState);
  }

  /** Creates or replaces the configuration; a changed schedule or pause takes effect at once. */
  async configure(config: MonitorConfig): Promise<MonitorSnapshot> {
    const now = Date.now();
    if (!this.store.exists()) this.store.createSchema();
    this.transact(() => this.applyConfiguration(config, now));
    await this.schedule();
    return this.requireSnapshot();
  }

  /** Returns false, writing nothing, when no monitor has this token. */
  async ping(token: string, input: PingInput): Promise<boolean> {
    const { config } = this;
    if (!config || !this.state || !tokensEqual(token, config.pingToken)) return false;
    const now = Date.now();
    const verdict = applyKeywords(input.signal.kind, input.body, config);
    const signal = effectiveSignal(input, verdict);
    this.transact(() => {
      const active = this.resumeOnPing(config, signal, now);
      const result = applyCheckIn(active, this.requireSnapshot().state, { signal, runId: input.runId ?? "" }, now, newAlertId);
      // One row for a steady ping: the log entry and the state it results from share the ring's slot.
      this.enqueueJobs(result, now);
      const entry = pingLogEntry(input, signal, verdict, result.durationMs, now, !active.enabled);
      this.pingLog.append(entry, active.pingLogSize, JSON.stringify(result.state));
      this.state = result.state;
    });
    await this.schedule();
    return true;
  }

  async snapshot(): Promise<MonitorSnapshot | null> {
    return this.config && this.state ? this.requireSnapshot() : null;
  }

  /** The ping log, newest first; null when the monitor does not exist here. */
  async pings(before: number | null, limit: number): Promise<PingEntry[] | null> {
    return this.config ? this.pingLog.list(before, limit) : null;
  }

  async pingEntry(n: number): Promise<PingEntry | null> {
    return this.config ? this.pingLog.get(n) : null;
  }

  /** Stops the monitor for good. Its open alert is closed (receivers are told) before storage is freed. */
  async remove(): Promise<void> {
    const { config, state } = this;
    if (!config || !state) return;
    const now = Date.now();
    this.transact(() => {
      this.commit(applyDelete(config, state, now), now);
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
    this.transact(() => {
      if (this.store.hasJob(record.id)) this.store.reschedule(record.id, record.attempts, now);
      else {
        const payload = { record: pending, event: JSON.parse(record.payload) };
        this.store.enqueue({ id: record.id, lane: record.channelId, payload, at: now, attempts: record.attempts });
      }
      this.store.enqueue(syncJob({ kind: "delivery", record: pending }, now));
    });
    await this.schedule();
    return pending;
  }

  /** Idempotent: recomputes everything from storage, so a repeated or retried alarm changes nothing twice. */
  override async alarm(): Promise<void> {
    // Record the transition now and send in a follow-up alarm: when many monitors fall due together,
    // every one of them changes state on time before any of them waits on a receiver.
    if (this.evaluateNow()) return this.schedule(Date.now() + 1);
    const nextWake = () => (this.config && this.state ? nextWakeAt(this.config, this.state, Date.now()) : null);
    try {
      await this.outbox.drain({ nextWakeAt: nextWake, evaluate: () => void this.evaluateNow() });
    } finally {
      // Even when the drain failed: the runtime's own alarm retries give up after a few tries.
      await this.schedule(Date.now() + 1);
    }
  }

  /** Applies whatever is due now (idempotent); true when that produced events. Runs its own transaction. */
  private evaluateNow(): boolean {
    const { config, state } = this;
    if (!config || !state) return false;
    const now = Date.now();
    const transition = evaluate(config, state, now, newAlertId);
    this.transact(() => this.commit(transition, now));
    return transition.events.length > 0;
  }

  private requireSnapshot(): MonitorSnapshot {
    if (!this.config || !this.state) throw new Error("monitor is not configured");
    return { config: this.config, state: this.state, nextDueAt: nextDueAt(this.config, this.state) };
  }

  /** Call inside a transaction. */
  private applyConfiguration(config: MonitorConfig, now: number): void {
    const transition: Transition = this.state
      ? applyConfig(config, this.state, now, newAlertId)
      : { state: initialState(config, now), events: [] };
    this.store.write("config", config);
    this.config = config;
    this.commit(transition, now);
  }

  /**
   * As in healthchecks.io, a success or failure resumes a paused monitor unless it is set to
   * `manual_resume`. A start or a log entry does not: neither says how the job went.
   */
  private resumeOnPing(config: MonitorConfig, signal: Signal, now: number): MonitorConfig {
    if (config.enabled || config.manualResume || !resumesPaused(signal)) return config;
    const resumed = { ...config, enabled: true, updatedAt: now };
    this.applyConfiguration(resumed, now);
    this.store.enqueue(syncJob({ kind: "config", config: resumed }, now));
    return resumed;
  }

  /** Saves the new state with the outbox jobs it causes. Call inside a transaction. */
  private commit(transition: Transition, now: number): void {
    if (!this.config) return;
    this.enqueueJobs(transition, now);
    const state = JSON.stringify(transition.state);
    // The state lives with the newest ping (see PingLog); before the first ping, in kv.
    if (!this.pingLog.saveState(state)) this.store.write("state", transition.state);
    this.state = transition.state;
  }

  private enqueueJobs(transition: Transition, now: number): void {
    if (!this.config) return;
    for (const job of jobsForTransition(this.config, transition, now)) this.store.enqueue(job);
  }

  /**
   * A storage transaction. If it fails, everything this object keeps in memory is read again from
   * storage, which rolled back: memory never runs ahead of what is durable.
   */
  private transact(body: () => void): void {
    try {
      this.ctx.storage.transactionSync(body);
    } catch (err) {
      this.reload();
      throw err;
    }
  }

  /**
   * One alarm serves the deadline, the alert's timers and the outbox: it is set to whichever comes first.
   * `notBefore` is for alarm(): there the clock stands at the running alarm's own time, and an alarm set
   * to exactly that time is taken for the one that just ran and deleted with it (work would be stranded).
   */
  private async schedule(notBefore = 0): Promise<void> {
    this.outbox.notify();
    if (!this.store.exists()) return;
    const now = Date.now();
    const times = [this.config && this.state ? nextWakeAt(this.config, this.state, now) : null, this.store.nextDueAt()];
    const pending = times.filter((t): t is number => t !== null);
    if (pending.length > 0) {
      await this.ctx.storage.setAlarm(Math.max(Math.min(...pending), notBefore));
    } else if (!this.config) {
      // Deleted, and the outbox has drained: free the storage (this also drops the schema).
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
      this.store.forgetSchema();
      this.pingLog.forget();
    } else {
      await this.ctx.storage.deleteAlarm();
    }
  }
}
