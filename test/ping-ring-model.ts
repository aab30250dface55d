import type { PingLogEntry } from "../src/domain/ping";

/**
 * The ping log as plain memory, oldest first, with the semantics the ring had when a wake-up read it
 * whole (before ping-ring.ts): the oracle for test/db/ping-ring.test.ts.
 */
interface ModelEntry {
  n: number;
  body: string;
  coalesced: number;
  state: string;
}

export class PingLogModel {
  readonly entries: ModelEntry[] = [];

  newest(): ModelEntry | undefined {
    return this.entries.at(-1);
  }

  /** A smaller `keep` drops the oldest beyond it; a full log drops its oldest for the new entry. */
  append(body: string, keep: number, state: string): number {
    const n = (this.newest()?.n ?? 0) + 1;
    while (this.entries.length > Math.max(keep, 1)) this.entries.shift();
    if (this.entries.length >= keep) this.entries.shift();
    this.entries.push({ n, body, coalesced: 1, state });
    return n;
  }

  replaceNewest(n: number, body: string, coalesced: number, state: string): boolean {
    const newest = this.newest();
    if (newest?.n !== n) return false;
    this.entries[this.entries.length - 1] = { n, body, coalesced, state };
    return true;
  }

  saveState(state: string): boolean {
    const newest = this.newest();
    if (!newest) return false;
    newest.state = state;
    return true;
  }
}

/** A log entry whose body tells the steps apart. */
export const entryFor = (body: string): PingLogEntry => ({
  at: 0,
  kind: "success",
  exitStatus: null,
  method: "GET",
  ip: null,
  userAgent: null,
  runId: null,
  durationMs: null,
  body,
  bodyEncoding: "utf-8",
  bodySize: body.length,
  truncated: false,
  note: null,
});

type Slot = { slot: number; n: number };

/**
 * How object schema version 3 wrote the ring (src/db/ping-log.ts before ping-ring.ts): it read the
 * slots' order whole and, growing, wrote one past the highest slot, which left a wrapped ring out of
 * order. Used to make such rings for the upgrade to version 4.
 */
export class LegacyRing {
  constructor(private readonly sql: SqlStorage) {}

  private order(): Slot[] {
    return this.sql.exec<Slot>("SELECT slot, n FROM ping_log ORDER BY n").toArray();
  }

  append(body: string, keep: number, state: string): number {
    const slots = this.order();
    while (slots.length > Math.max(keep, 1)) {
      const dropped = slots.shift();
      if (dropped) this.sql.exec("DELETE FROM ping_log WHERE slot = ?", dropped.slot);
    }
    const n = (slots.at(-1)?.n ?? 0) + 1;
    const reused = slots.length >= keep ? slots.shift() : undefined;
    const slot = reused?.slot ?? slots.reduce((highest, s) => Math.max(highest, s.slot), 0) + 1;
    this.write(slot, n, body, 1, state);
    return n;
  }

  replaceNewest(n: number, body: string, coalesced: number, state: string): boolean {
    const newest = this.order().at(-1);
    if (newest?.n !== n) return false;
    this.write(newest.slot, n, body, coalesced, state);
    return true;
  }

  saveState(state: string): boolean {
    const newest = this.order().at(-1);
    if (!newest) return false;
    this.sql.exec("UPDATE ping_log SET state = ? WHERE slot = ?", state, newest.slot);
    return true;
  }

  private write(slot: number, n: number, body: string, coalesced: number, state: string): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO ping_log (slot, n, at, kind, method, body, body_encoding, body_size, truncated, state, coalesced)
       VALUES (?, ?, 0, 'success', 'GET', ?, 'utf-8', ?, 0, ?, ?)`,
      slot,
      n,
      body,
      body.length,
      state,
      coalesced,
    );
  }
}
