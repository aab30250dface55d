/**
 * The layout of the ping log's ring (table `ping_log`), kept so that a woken object finds its newest
 * entry with a few point reads instead of reading every row (bench/PROFILE.md §5.3, §6 item 4).
 *
 * The invariant, from object schema version 4 on: the slots are 1..count, and in slot order their `n`
 * is sorted, possibly rotated (`4 5 6 1 2 3`: slots before the oldest hold the newest entries). A steady
 * ping rewrites the oldest slot, the one after the newest, which keeps it; a ring that must shrink or
 * grow (`ping_log_size` changed) is laid out again first (`layInOrder`), a one-time cost.
 */

import { log } from "../../log";

/** A type, not an interface: SQL cursors want an index signature. */
export type SlotN = { slot: number; n: number };

/** Where the ring stands: all the ping path keeps in memory (the oldest entry is in the slot after the newest). */
export interface RingPosition {
  /** Rows in the ring: slots 1..count when `inOrder`. */
  count: number;
  /** Null for an empty ring. */
  newest: SlotN | null;
  /** False when the invariant was found broken (count is then unknown): the next append lays the ring out first. */
  inOrder: boolean;
}

const EMPTY_RING: RingPosition = { count: 0, newest: null, inOrder: true };

const nAt = (sql: SqlStorage, slot: number): number | undefined =>
  sql.exec<{ n: number }>("SELECT n FROM ping_log WHERE slot = ?", slot).toArray()[0]?.n;

/**
 * Finds the newest entry in about log2(count) + 2 point reads: the highest slot (the count) with its `n`,
 * the first slot's `n`, then a binary search for the last slot of the newest run. Falls back to a scan (and
 * marks the ring for laying out) should a slot be missing, which the invariant rules out.
 */
export function locateNewest(sql: SqlStorage): RingPosition {
  const last = sql.exec<SlotN>("SELECT slot, n FROM ping_log ORDER BY slot DESC LIMIT 1").toArray()[0];
  if (!last) return EMPTY_RING;
  const firstN = nAt(sql, 1);
  if (firstN === undefined) return scanNewest(sql);
  // Sorted (not rotated, or one entry): the newest is in the last slot.
  if (firstN <= last.n) return { count: last.slot, newest: last, inOrder: true };
  // Rotated: slots 1..newest hold n ≥ firstN, the rest n < firstN. lo is always in the newest run, hi never.
  let lo = { slot: 1, n: firstN };
  let hi = last.slot;
  while (hi - lo.slot > 1) {
    const mid = Math.floor((lo.slot + hi) / 2);
    const n = nAt(sql, mid);
    if (n === undefined) return scanNewest(sql);
    if (n >= firstN) lo = { slot: mid, n };
    else hi = mid;
  }
  return { count: last.slot, newest: lo, inOrder: true };
}

/** The newest entry by a scan, for a ring whose layout broke the invariant; `count` is not needed then. */
function scanNewest(sql: SqlStorage): RingPosition {
  // Slots are not 1..count: the ring is laid out again at the next ping.
  log({ event: "ping_log.relaid" });
  const newest = sql.exec<SlotN>("SELECT slot, n FROM ping_log ORDER BY n DESC LIMIT 1").one();
  return { count: 0, newest, inOrder: false };
}

/**
 * Lays the ring out sorted (oldest in slot 1, newest in slot count), after dropping all but the newest
 * `keep` entries when given. Reads every row and rewrites those that move, twice (through negative
 * slots, as a slot is the primary key): only for a `ping_log_size` change or a ring written before the
 * invariant. Call inside a transaction.
 */
export function layInOrder(sql: SqlStorage, keep?: number): RingPosition {
  if (keep !== undefined) sql.exec("DELETE FROM ping_log WHERE slot NOT IN (SELECT slot FROM ping_log ORDER BY n DESC LIMIT ?)", keep);
  sql.exec(
    `UPDATE ping_log SET slot = -ranked.rank
      FROM (SELECT slot AS old, ROW_NUMBER() OVER (ORDER BY n) AS rank FROM ping_log) AS ranked
      WHERE ping_log.slot = ranked.old AND ranked.old <> ranked.rank`,
  );
  sql.exec("UPDATE ping_log SET slot = -slot WHERE slot < 0");
  const last = sql.exec<SlotN>("SELECT slot, n FROM ping_log ORDER BY slot DESC LIMIT 1").toArray()[0];
  return last ? { count: last.slot, newest: last, inOrder: true } : EMPTY_RING;
}

/** True when the ring keeps the invariant (a full read: for the one-time upgrade of an older object). */
export function isInRingOrder(sql: SqlStorage): boolean {
  const rows = sql.exec<SlotN>("SELECT slot, n FROM ping_log ORDER BY slot").toArray();
  const descents = rows.filter((row, i) => i > 0 && row.n <= (rows[i - 1]?.n ?? 0)).length;
  const first = rows[0];
  const last = rows.at(-1);
  const rotatedOnce = descents === 0 || (descents === 1 && first !== undefined && last !== undefined && last.n < first.n);
  return rows.every((row, i) => row.slot === i + 1) && rotatedOnce;
}
