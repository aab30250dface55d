import { readStored, writeStored } from "../db/stored/format";
import { MONITOR_CONFIG, MONITOR_STATE } from "../db/stored/monitor";
import { LAST_PING_BODY_MAX } from "../domain/alert-event";
import { promisedState } from "../domain/burst";
import type { MonitorConfig, MonitorState, Transition } from "../domain/monitor";
import type { PingOutcome } from "../domain/ping";
import { ChannelCache } from "./channel-cache";
import { jobsForTransition, syncJob } from "./jobs";
import { PingBurst, type PingStorage } from "./ping-burst";
import { ObjectStore } from "./storage/object-store";
import { type PingEntry, PingLog } from "./storage/ping-log";

/**
 * A monitor object's durable data and its in-memory copy: configuration and state, the ping log and the
 * outbox. The state is kept with the newest ping (one row per steady ping: see PingLog), in kv before
 * the first one. Memory never runs ahead of storage (a transaction that fails reloads it), except for
 * the pending ping of a burst (see PingBurst), which every transaction writes first.
 */
export class MonitorStorage {
  /** Shared with the outbox runner and the channel cache, which keep their own tables in it. */
  readonly store: ObjectStore;
  private readonly pingLog: PingLog;
  private readonly burst: PingBurst;
  config: MonitorConfig | null = null;
  state: MonitorState | null = null;

  constructor(
    private readonly storage: DurableObjectStorage,
    burstRate: number,
  ) {
    this.store = new ObjectStore(storage);
    this.pingLog = new PingLog(storage.sql);
    this.burst = new PingBurst(burstRate);
    this.reload();
  }

  private reload(): void {
    this.store.forgetCache();
    this.pingLog.forget();
    this.burst.reset();
    this.config = null;
    this.state = null;
    if (!this.store.exists()) return;
    // Parsed here, once per wake-up, never per ping: memory holds the parsed copies from then on.
    const config = this.store.read("config");
    const state = this.pingLog.latestState() ?? this.store.read("state");
    this.config = config === null ? null : readStored(MONITOR_CONFIG, config);
    this.state = state === null ? null : readStored(MONITOR_STATE, state);
  }

  /** The ping log, newest first, from before entry `before` (null: the newest). */
  pings(before: number | null, limit: number): PingEntry[] {
    return this.pingLog.list(before, limit);
  }

  pingEntry(n: number): PingEntry | null {
    return this.pingLog.get(n);
  }

  /** Counts a ping for the burst window and says how to store it; `quiet`: it changes nothing but the timer. */
  admitPing(quiet: boolean, now: number): PingStorage {
    return this.burst.admit(quiet, now);
  }

  /** When the alarm must write an open burst's pending ping, if one is pending. */
  burstFlushAt(): number | null {
    return this.burst.pending?.flushAt ?? null;
  }

  /** Runs `body` in a transaction, after writing a burst's pending ping, so nothing is ever written out of order. */
  transact<T>(body: () => T): T {
    try {
      return this.storage.transactionSync(() => {
        this.flushBurst();
        return body();
      });
    } catch (err) {
      this.reload();
      throw err;
    }
  }

  /** Call inside a transaction. */
  writeConfig(config: MonitorConfig): void {
    this.store.write("config", writeStored(MONITOR_CONFIG, config));
    this.config = config;
  }

  /**
   * The monitor is gone: it answers nothing from now on. The stored state and ping log stay with the
   * outbox until that has drained (then `free`). Call inside a transaction.
   */
  removeConfig(): void {
    this.store.remove("config");
    this.config = null;
    this.state = null;
  }

  /** Saves a transition: the outbox jobs it causes and the new state. Call inside a transaction. */
  commit(transition: Transition, now: number): void {
    if (!this.config) return;
    const state = this.enqueueJobs(transition, now);
    const stored = writeStored(MONITOR_STATE, state);
    if (!this.pingLog.saveState(stored)) this.store.write("state", stored);
    this.state = state;
  }

  /**
   * What a ping did: a configuration it resumed (D1 is told through the outbox), the transition's jobs,
   * and its log entry with the state it results from, in one slot. The ping that opens a burst stores
   * the state its timer would have at the window's end (see `promisedState`). Call inside a transaction.
   */
  commitPing(outcome: PingOutcome, now: number, storage: "write" | "open-burst" = "write"): void {
    if (!this.config) return;
    if (outcome.config !== this.config) {
      this.writeConfig(outcome.config);
      this.store.enqueue(syncJob({ kind: "config", config: outcome.config }, now));
    }
    const state = this.enqueueJobs(outcome.transition, now);
    const stored = storage === "open-burst" ? promisedState(outcome.config, state, this.burst.windowEnd()) : state;
    const n = this.pingLog.append(outcome.logEntry, outcome.config.pingLogSize, writeStored(MONITOR_STATE, stored));
    if (storage === "open-burst") this.burst.opened(n, outcome.logEntry, state);
    this.state = state;
  }

  /** A ping of an open burst: it counts for liveness at once (in memory), and is written by the next flush. */
  coalescePing(outcome: PingOutcome): void {
    this.burst.absorb(outcome.logEntry, outcome.transition.state);
    this.state = outcome.transition.state;
  }

  /** Writes the newest ping of the burst over the burst's entry, with its count and real state (one row). */
  private flushBurst(): void {
    const { pending } = this.burst;
    if (!pending) return;
    if (!this.pingLog.replaceNewest(pending.n, pending.entry, pending.coalesced, writeStored(MONITOR_STATE, pending.state))) {
      // Nothing but a flush writes after the burst's entry; should that ever change, keep the state at least.
      this.pingLog.saveState(writeStored(MONITOR_STATE, pending.state));
    }
    this.burst.clear();
  }

  /** Queues the transition's jobs; returns the state to store (it remembers what D1 was sent). */
  private enqueueJobs(transition: Transition, now: number): MonitorState {
    if (!this.config) return transition.state;
    const cache = new ChannelCache(this.store);
    const { jobs, state } = jobsForTransition(this.config, transition, now, {
      channels: (channelId) => cache.facts(channelId),
      lastPingBody: () => this.lastPingText(),
    });
    for (const job of jobs) this.store.enqueue(job);
    return state;
  }

  /** The newest logged ping's body when it is text, for a notice's excerpt (one row read, only when a notice is sent). */
  private lastPingText(): string | null {
    const [newest] = this.pingLog.list(null, 1);
    return newest && newest.bodyEncoding === "utf-8" && newest.body !== "" ? newest.body.slice(0, LAST_PING_BODY_MAX) : null;
  }

  /** Deleted, and the outbox has drained: frees everything (this also drops the tables). */
  async free(): Promise<void> {
    await this.storage.deleteAlarm();
    await this.storage.deleteAll();
    this.store.forgetSchema();
    this.pingLog.forget();
    this.burst.reset();
  }
}
