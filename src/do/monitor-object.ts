import { DurableObject } from "cloudflare:workers";
import type { DeliveryRecord } from "../db/deliveries";
import { onlyMovesTimer, parseBurstRate } from "../domain/burst";
import { parseLivenessReportPeriod, withLivenessReport } from "../domain/liveness";
import {
  applyConfig,
  applyDelete,
  evaluate,
  initialState,
  type MonitorConfig,
  type MonitorEvent,
  type MonitorState,
  nextDueAt,
  nextWakeAt,
  type Transition,
} from "../domain/monitor";
import { type PingInput, receivePing } from "../domain/ping";
import { newId } from "../ids";
import { tokensEqual } from "../secrets";
import { type CachedChannel, ChannelCache, type ChannelPush } from "./channel-cache";
import { sendLivenessReport } from "./liveness-report";
import { logMonitorEvents } from "./log-events";
import { MonitorStorage } from "./monitor-storage";
import { OutboxRunner } from "./outbox-runner";
import type { PingEntry } from "./storage/ping-log";

/** What the API shows of a monitor's live state. */
export interface MonitorSnapshot {
  config: MonitorConfig;
  state: MonitorState;
  nextDueAt: number | null;
}

/** What a wake by the Cron Trigger's safety net found (see `wake`). */
export type WakeOutcome = "due" | "stale" | "missing";

const newAlertId = () => newId("alt");

/**
 * One monitor's live state. Every ping lands here (never in D1); the storage alarm wakes it at the
 * next deadline, run timeout, escalation step, reminder or window end, or when outbox work is due.
 * Storage (see MonitorStorage): the configuration, the state, the outbox, and the ping log. A deleted
 * monitor loses its configuration at once (it answers no ping or read from then on); its state, ping
 * log and outbox stay until the outbox has drained (its alert's closing is sent), then all is freed.
 * Configuration has two writers: the admin API, and this object when a ping resumes a paused monitor
 * (see `receivePing`), which tells D1 through the outbox. Each copy carries its `updatedAt`; D1 keeps
 * the newer, and an admin edit starts from the newer of D1's and this object's.
 */
export class MonitorObject extends DurableObject<Env> {
  private readonly data: MonitorStorage;
  private readonly outbox: OutboxRunner;
  private readonly livenessPeriodMs: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.data = new MonitorStorage(ctx.storage, parseBurstRate(env.PING_BURST_RATE));
    this.outbox = new OutboxRunner(this.data.store, ctx.storage, env, () => this.data.config?.teamAlertGrouping ?? null);
    this.livenessPeriodMs = parseLivenessReportPeriod(env.LIVENESS_REPORT_SECONDS);
  }

  /**
   * Creates or replaces the configuration; a changed schedule or pause takes effect at once. `channels`
   * are the configurations of every channel it names: the object keeps exactly those (channel-cache.ts).
   */
  async configure(config: MonitorConfig, channels: CachedChannel[]): Promise<MonitorSnapshot> {
    const now = Date.now();
    this.data.store.createSchema();
    const events = this.data.transact(() => {
      const committed = this.applyConfiguration(config, now);
      new ChannelCache(this.data.store).apply({ kind: "named", channels });
      return committed;
    });
    logMonitorEvents(config.id, events);
    await this.schedule();
    return this.requireSnapshot();
  }

  /**
   * Returns false, writing nothing, when no monitor has this token. Past the burst rate, a ping that only
   * moves the timer is coalesced: it counts at once but is written by the next flush (a written ping, or
   * the alarm, set once per burst to the window's end). See domain/burst.ts.
   */
  async ping(token: string, input: PingInput): Promise<boolean> {
    const { config, state } = this.data;
    if (!config || !state || !tokensEqual(token, config.pingToken)) return false;
    const now = Date.now();
    const outcome = receivePing(config, state, input, now, newAlertId);
    const storage = this.data.admitPing(onlyMovesTimer(config, state, outcome), now);
    if (storage === "coalesce") {
      this.data.coalescePing(outcome);
      return true;
    }
    // Only a written ping reports, and only once committed: D1 never hears of a ping the object could lose.
    const liveness = withLivenessReport(outcome.transition.state, this.livenessPeriodMs);
    const committed = { ...outcome, transition: { ...outcome.transition, state: liveness.state } };
    this.data.transact(() => this.data.commitPing(committed, now, storage));
    logMonitorEvents(config.id, outcome.transition.events);
    if (liveness.report) {
      const deadline = nextDueAt(config, liveness.state);
      this.ctx.waitUntil(sendLivenessReport(this.env.DB, config.id, liveness.report, deadline));
    }
    await this.schedule();
    return true;
  }

  async snapshot(): Promise<MonitorSnapshot | null> {
    return this.data.config && this.data.state ? this.requireSnapshot() : null;
  }

  /** The ping log, newest first; null when the monitor does not exist here. */
  async pings(before: number | null, limit: number): Promise<PingEntry[] | null> {
    return this.data.config ? this.data.pings(before, limit) : null;
  }

  async pingEntry(n: number): Promise<PingEntry | null> {
    return this.data.config ? this.data.pingEntry(n) : null;
  }

  /** Stops the monitor for good. Its open alert is closed (receivers are told) before storage is freed. */
  async remove(): Promise<void> {
    const { config, state } = this.data;
    if (!config || !state) return;
    const now = Date.now();
    const transition = applyDelete(config, state, now);
    this.data.transact(() => {
      this.data.commit(transition, now);
      this.data.removeConfig();
    });
    logMonitorEvents(config.id, transition.events);
    await this.schedule();
  }

  /** Sends a delivery again now (by hand), with the same `webhook-id` and a fresh retry window. */
  async retryDelivery(record: DeliveryRecord): Promise<DeliveryRecord> {
    const pending = this.outbox.requeueDelivery(record, Date.now());
    await this.schedule();
    return pending;
  }

  /** An edited channel's new configuration, for deliveries that read no D1 (channel-cache.ts, services/channel-push.ts). */
  async pushChannels(push: ChannelPush): Promise<void> {
    if (this.data.store.exists()) new ChannelCache(this.data.store).apply(push);
  }

  /**
   * Idempotent: recomputes everything from storage, so a repeated or retried alarm changes nothing twice.
   * A burst's pending ping is written first (evaluateNow's transaction does it).
   */
  override async alarm(): Promise<void> {
    // Record the transition now and send in a follow-up alarm: when many monitors fall due together,
    // every one of them changes state on time before any of them waits on a receiver.
    if (this.evaluateNow()) return this.schedule(Date.now() + 1);
    const nextWake = () => {
      const { config, state } = this.data;
      return config && state ? nextWakeAt(config, state, Date.now()) : null;
    };
    try {
      await this.outbox.drain({ nextWakeAt: nextWake, evaluate: () => void this.evaluateNow() });
    } finally {
      // Even when the drain failed: the runtime's own alarm retries give up after a few tries.
      await this.schedule(Date.now() + 1);
    }
  }

  /**
   * The Cron Trigger's safety net (src/scheduled.ts), for a monitor D1 lists as overdue: runs what is due
   * (as alarm() would) and re-arms the alarm from stored state, so a dropped alarm is recovered. When
   * nothing was due, D1's copy of the deadline was stale: it is corrected, so the sweep does not come back.
   * Says which: "due" (it ran), "stale" (D1 corrected) or "missing" (no monitor lives here).
   */
  async wake(): Promise<WakeOutcome> {
    const { config } = this.data;
    if (!config) return "missing";
    const changed = this.evaluateNow();
    await this.schedule(changed ? Date.now() + 1 : 0);
    const { state } = this.data;
    if (!changed && state && state.lastPingAt !== null) {
      const report = { lastPingAt: state.lastPingAt, lastDurationMs: state.lastDurationMs };
      await sendLivenessReport(this.env.DB, config.id, report, nextDueAt(config, state));
    }
    return changed ? "due" : "stale";
  }

  /** /healthz: answers from a fixed probe object that no monitor uses; reads nothing, stores nothing. */
  async probe(): Promise<"ok"> {
    return "ok";
  }

  /** Applies whatever is due now (idempotent); true when that produced events. Runs its own transaction. */
  private evaluateNow(): boolean {
    const { config, state } = this.data;
    if (!config || !state) return false;
    const now = Date.now();
    const transition = evaluate(config, state, now, newAlertId);
    this.data.transact(() => this.data.commit(transition, now));
    logMonitorEvents(config.id, transition.events);
    return transition.events.length > 0;
  }

  private requireSnapshot(): MonitorSnapshot {
    const { config, state } = this.data;
    if (!config || !state) throw new Error("monitor is not configured");
    return { config, state, nextDueAt: nextDueAt(config, state) };
  }

  /** Call inside a transaction. Returns the events it committed. */
  private applyConfiguration(config: MonitorConfig, now: number): MonitorEvent[] {
    const { state } = this.data;
    const transition: Transition = state ? applyConfig(config, state, now, newAlertId) : { state: initialState(config, now), events: [] };
    this.data.writeConfig(config);
    this.data.commit(transition, now);
    return transition.events;
  }

  /**
   * One alarm serves the deadline, the alert's timers and the outbox: it is set to whichever comes first.
   * `notBefore` is for alarm(): there the clock stands at the running alarm's own time, and an alarm set
   * to exactly that time is taken for the one that just ran and deleted with it (work would be stranded).
   */
  private async schedule(notBefore = 0): Promise<void> {
    this.outbox.notify();
    const { config, state, store } = this.data;
    if (!store.exists()) return;
    const now = Date.now();
    const times = [config && state ? nextWakeAt(config, state, now) : null, store.nextDueAt(), this.data.burstFlushAt()];
    const pending = times.filter((t): t is number => t !== null);
    if (pending.length > 0) {
      await this.ctx.storage.setAlarm(Math.max(Math.min(...pending), notBefore));
    } else if (!config) {
      await this.data.free();
    } else {
      await this.ctx.storage.deleteAlarm();
    }
  }
}
