/**
 * SQL inside one monitor's Durable Object: a small key/value table for its configuration (and its state
 * until the first ping: see `ping-log.ts`), and the outbox of work that must reach D1 or a receiver. The
 * outbox is written in the same transaction as the state change that caused it, so a crash can delay
 * that work but never lose it. Tables are in `object-schema.ts`.
 */

import { createSchema, upgradeSchema } from "./object-schema";

export const SYNC_LANE = "d1";

export interface OutboxJob {
  seq: number;
  /** Stable id; for a delivery it is the `webhook-id` receivers deduplicate on. */
  id: string;
  /** Jobs in one lane run strictly in order: the D1 sync lane, or one lane per channel. */
  lane: string;
  payload: string;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
}

type OutboxRow = {
  seq: number;
  id: string;
  lane: string;
  payload: string;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
};

const toJob = (row: OutboxRow): OutboxJob => ({
  seq: row.seq,
  id: row.id,
  lane: row.lane,
  payload: row.payload,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
});

const HEADS = "SELECT * FROM outbox o WHERE seq = (SELECT MIN(seq) FROM outbox WHERE lane = o.lane)";

export class ObjectStore {
  /** Known once checked: every ping asks, and the answer only changes through this store. */
  private hasTables: boolean;
  /** The outbox's earliest due head, cached between changes (undefined: not known). */
  private cachedNextDueAt: number | null | undefined;

  private readonly sql: SqlStorage;

  /** Upgrades an object written by an older release first. */
  constructor(storage: DurableObjectStorage) {
    this.sql = storage.sql;
    this.hasTables = upgradeSchema(storage);
  }

  /** False for an object nobody configured: reading it must not create anything. */
  exists(): boolean {
    return this.hasTables;
  }

  createSchema(): void {
    if (this.hasTables) return;
    createSchema(this.sql);
    this.hasTables = true;
  }

  /** After `deleteAll()`: the tables are gone. */
  forgetSchema(): void {
    this.hasTables = false;
    this.forgetCache();
  }

  /** After a rolled-back transaction: read the outbox again when next asked. */
  forgetCache(): void {
    this.cachedNextDueAt = undefined;
  }

  /** The stored JSON under `key` (the caller parses it through its format: see `stored/format.ts`). */
  read(key: string): string | null {
    return this.sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = ?", key).toArray()[0]?.value ?? null;
  }

  write(key: string, json: string): void {
    this.sql.exec("INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, json);
  }

  remove(key: string): void {
    this.sql.exec("DELETE FROM kv WHERE key = ?", key);
  }

  /** `payload` is stored JSON (see `do/outbox-payloads.ts`); `attempts` carries on a delivery's count when it is re-sent by hand. */
  enqueue(job: { id: string; lane: string; payload: string; at: number; attempts?: number }): void {
    this.cachedNextDueAt = undefined;
    this.sql.exec(
      "INSERT INTO outbox (id, lane, payload, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      job.id,
      job.lane,
      job.payload,
      job.attempts ?? 0,
      job.at,
      job.at,
    );
    // New D1 work retries a D1 lane that backed off after an error, at once: the newest change (an
    // alert closing, a pause) must not wait out a backoff that an older item earned while D1 was down.
    if (job.lane === SYNC_LANE) {
      this.sql.exec("UPDATE outbox SET next_attempt_at = ? WHERE lane = ? AND next_attempt_at > ?", job.at, SYNC_LANE, job.at);
    }
  }

  /** The first job of every lane that is due. Later jobs of a lane wait for the ones before them. */
  dueHeads(now: number): OutboxJob[] {
    return this.sql.exec<OutboxRow>(`${HEADS} AND next_attempt_at <= ?`, now).toArray().map(toJob);
  }

  /** A lane's jobs in order, from its head, as long as they are due. */
  dueInLane(lane: string, now: number, limit: number): OutboxJob[] {
    const rows = this.sql.exec<OutboxRow>("SELECT * FROM outbox WHERE lane = ? ORDER BY seq LIMIT ?", lane, limit).toArray();
    const firstNotDue = rows.findIndex((row) => row.next_attempt_at > now);
    return (firstNotDue === -1 ? rows : rows.slice(0, firstNotDue)).map(toJob);
  }

  /** When the earliest lane head is due, or null with an empty outbox. */
  nextDueAt(): number | null {
    if (this.cachedNextDueAt === undefined) {
      const row = this.sql.exec<{ at: number | null }>(`SELECT MIN(next_attempt_at) AS at FROM (${HEADS})`).toArray()[0];
      this.cachedNextDueAt = row?.at ?? null;
    }
    return this.cachedNextDueAt;
  }

  hasJob(id: string): boolean {
    return this.sql.exec("SELECT 1 FROM outbox WHERE id = ?", id).toArray().length > 0;
  }

  reschedule(id: string, attempts: number, nextAttemptAt: number): void {
    this.cachedNextDueAt = undefined;
    this.sql.exec("UPDATE outbox SET attempts = ?, next_attempt_at = ? WHERE id = ?", attempts, nextAttemptAt, id);
  }

  finish(ids: string[]): void {
    this.cachedNextDueAt = undefined;
    for (const id of ids) this.sql.exec("DELETE FROM outbox WHERE id = ?", id);
  }
}
