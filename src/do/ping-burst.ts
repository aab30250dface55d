import { type BurstWindow, countPing, NO_WINDOW, windowEnd } from "../domain/burst";
import type { MonitorState } from "../domain/monitor";
import type { PingLogEntry } from "../domain/ping";

/** How a ping is stored: written as today; written as the first of a burst (see `promisedState`); or only counted in memory. */
export type PingStorage = "write" | "open-burst" | "coalesce";

/** The newest ping of a burst, not yet written over the burst's log entry (`n`). */
interface PendingBurst {
  n: number;
  entry: PingLogEntry;
  /** The monitor's state after the newest ping (the stored one counts from the window's end). */
  state: MonitorState;
  /** Pings the entry stands for, the one that opened the burst included. */
  coalesced: number;
  /** When the alarm flushes it at the latest. */
  flushAt: number;
}

/**
 * One monitor's burst window and its pending coalesced ping, in memory only. What a crash loses is the
 * pending ping: at most one window of pings that moved nothing but the timer (see domain/burst.ts).
 */
export class PingBurst {
  private window: BurstWindow = NO_WINDOW;
  private pendingBurst: PendingBurst | null = null;

  constructor(private readonly rate: number) {}

  get pending(): PendingBurst | null {
    return this.pendingBurst;
  }

  /** Counts a ping at `now` and says how to store it; `quiet`: it changes nothing but the timer. */
  admit(quiet: boolean, now: number): PingStorage {
    this.window = countPing(this.window, now);
    if (!quiet || this.window.pings <= this.rate) return "write";
    return this.pendingBurst && this.pendingBurst.flushAt === this.windowEnd() ? "coalesce" : "open-burst";
  }

  windowEnd(): number {
    return windowEnd(this.window);
  }

  /** The ping that opened a burst was written as entry `n`. */
  opened(n: number, entry: PingLogEntry, state: MonitorState): void {
    this.pendingBurst = { n, entry, state, coalesced: 1, flushAt: this.windowEnd() };
  }

  /** One more ping of the open burst: the newest is kept, the count grows. */
  absorb(entry: PingLogEntry, state: MonitorState): void {
    if (!this.pendingBurst) throw new Error("no burst is open");
    this.pendingBurst = { ...this.pendingBurst, entry, state, coalesced: this.pendingBurst.coalesced + 1 };
  }

  /** The pending ping was written (or lost with a rolled-back transaction). */
  clear(): void {
    this.pendingBurst = null;
  }

  /** After a reload: nothing in memory is known to be pending any more. */
  reset(): void {
    this.pendingBurst = null;
    this.window = NO_WINDOW;
  }
}
