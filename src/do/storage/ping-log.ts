import type { PingLogEntry } from "../../domain/ping";
import { PING_LOG_COLUMNS } from "./object-schema";
import { layInOrder, locateNewest, type RingPosition } from "./ping-ring";

/** The last pings of one monitor, kept in its Durable Object (never in D1: a ping never waits on D1). */

export interface PingEntry extends PingLogEntry {
  /** Sequence number, increasing; stable, so `/pings/:n/body` keeps working as the log rolls. */
  n: number;
  /** How many pings the entry stands for: 1, or more for the newest ping of a coalesced burst. */
  coalesced: number;
}

type PingRow = {
  n: number;
  at: number;
  kind: PingEntry["kind"];
  exit_status: number | null;
  method: string;
  ip: string | null;
  user_agent: string | null;
  run_id: string | null;
  duration_ms: number | null;
  body: string;
  body_encoding: PingEntry["bodyEncoding"];
  body_size: number;
  truncated: number;
  note: string | null;
  coalesced: number;
};

const toEntry = (row: PingRow): PingEntry => ({
  n: row.n,
  at: row.at,
  kind: row.kind,
  exitStatus: row.exit_status,
  method: row.method,
  ip: row.ip,
  userAgent: row.user_agent,
  runId: row.run_id,
  durationMs: row.duration_ms,
  body: row.body,
  bodyEncoding: row.body_encoding,
  bodySize: row.body_size,
  truncated: row.truncated === 1,
  note: row.note,
  coalesced: row.coalesced,
});

const SELECT_ENTRY = `SELECT ${PING_LOG_COLUMNS}, coalesced FROM ping_log`;
const UPSERT = `INSERT INTO ping_log (slot, ${PING_LOG_COLUMNS}, state, coalesced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (slot) DO UPDATE SET n = excluded.n, at = excluded.at, kind = excluded.kind, exit_status = excluded.exit_status,
    method = excluded.method, ip = excluded.ip, user_agent = excluded.user_agent, run_id = excluded.run_id,
    duration_ms = excluded.duration_ms, body = excluded.body, body_encoding = excluded.body_encoding,
    body_size = excluded.body_size, truncated = excluded.truncated, note = excluded.note, state = excluded.state,
    coalesced = excluded.coalesced`;

/**
 * The last pings of one monitor as a ring of slots (table `ping_log`, laid out as ping-ring.ts says),
 * each also holding the monitor's state as of the newest ping: a ping rewrites its oldest slot, one row,
 * with its entry and the state it results from. Where the ring stands (its newest slot and count) is
 * found with a few point reads once per wake-up and kept in memory; the entries stay in SQL.
 */
export class PingLog {
  /** Located on first use, then kept up to date by every write. */
  private ring: RingPosition | null = null;

  constructor(private readonly sql: SqlStorage) {}

  private position(): RingPosition {
    this.ring ??= locateNewest(this.sql);
    return this.ring;
  }

  /** After `deleteAll()` or a rolled-back transaction: locate the ring again when next used. */
  forget(): void {
    this.ring = null;
  }

  /** The state saved with the newest ping, or null before the first ping (it is then in kv). */
  latestState(): string | null {
    const { newest } = this.position();
    if (!newest) return null;
    return this.sql.exec<{ state: string | null }>("SELECT state FROM ping_log WHERE slot = ?", newest.slot).one().state;
  }

  /** Saves the state in the newest slot; false when there is none yet (the caller keeps it in kv). */
  saveState(state: string): boolean {
    const { newest } = this.position();
    if (!newest) return false;
    this.sql.exec("UPDATE ping_log SET state = ? WHERE slot = ?", state, newest.slot);
    return true;
  }

  /** Records a ping, with the state it leaves the monitor in, in place of the oldest beyond `keep`. Returns its `n`. */
  append(entry: PingLogEntry, keep: number, state: string): number {
    const size = Math.max(keep, 1);
    let ring = this.position();
    // Numbering goes on from the newest entry, even one the layout below drops (ping_log_size 1).
    const n = (ring.newest?.n ?? 0) + 1;
    // A changed ping_log_size (rare): the ring is laid out sorted, keeping the newest size - 1 entries,
    // so that the new entry goes after the newest and the ring stays in order.
    if (mustLayOut(ring, size)) ring = layInOrder(this.sql, size - 1);
    const newestSlot = ring.newest?.slot ?? 0;
    // Full: the oldest slot, the one after the newest; filling: one past the newest, which is the last.
    const slot = ring.count >= size ? (newestSlot % ring.count) + 1 : ring.count + 1;
    this.write(slot, n, entry, 1, state);
    this.ring = { count: Math.max(ring.count, slot), newest: { slot, n }, inOrder: true };
    return n;
  }

  /**
   * Replaces entry `n`, which must be the newest, with the newest ping of a burst and how many pings it
   * stands for (one row). False, writing nothing, when `n` is no longer the newest entry.
   */
  replaceNewest(n: number, entry: PingLogEntry, coalesced: number, state: string): boolean {
    const { newest } = this.position();
    if (newest?.n !== n) return false;
    this.write(newest.slot, n, entry, coalesced, state);
    return true;
  }

  private write(slot: number, n: number, entry: PingLogEntry, coalesced: number, state: string): void {
    this.sql.exec(
      UPSERT,
      slot,
      n,
      entry.at,
      entry.kind,
      entry.exitStatus,
      entry.method,
      entry.ip,
      entry.userAgent,
      entry.runId,
      entry.durationMs,
      entry.body,
      entry.bodyEncoding,
      entry.bodySize,
      entry.truncated ? 1 : 0,
      entry.note,
      state,
      coalesced,
    );
  }

  /** Newest first, before sequence number `before` when given. */
  list(before: number | null, limit: number): PingEntry[] {
    return this.sql
      .exec<PingRow>(`${SELECT_ENTRY} WHERE n < ? ORDER BY n DESC LIMIT ?`, before ?? Number.MAX_SAFE_INTEGER, limit)
      .toArray()
      .map(toEntry);
  }

  get(n: number): PingEntry | null {
    const row = this.sql.exec<PingRow>(`${SELECT_ENTRY} WHERE n = ?`, n).toArray()[0];
    return row ? toEntry(row) : null;
  }
}

/**
 * True when appending in place would break the ring's order: it has more entries than `size` (shrunk),
 * or fewer while its newest is not in its last slot (grown after wrapping), or its layout is unknown.
 */
function mustLayOut(ring: RingPosition, size: number): boolean {
  if (!ring.inOrder || ring.count > size) return true;
  return ring.count < size && ring.newest !== null && ring.newest.slot !== ring.count;
}
