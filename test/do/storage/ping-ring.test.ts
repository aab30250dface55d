import { runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { createSchema, OBJECT_SCHEMA_VERSION, storedSchemaVersion, upgradeSchema } from "../../../src/do/storage/object-schema";
import { PingLog } from "../../../src/do/storage/ping-log";
import { isInRingOrder } from "../../../src/do/storage/ping-ring";
import { stub } from "../../helpers";
import { entryFor, LegacyRing, PingLogModel } from "../../ping-ring-model";

/**
 * The ping log's ring, whose newest entry a woken object finds by binary search (src/do/storage/ping-ring.ts),
 * against a plain model of the log: random appends, `ping_log_size` changes both ways, burst replaces,
 * state saves and wake-ups (a new PingLog over the same SQL) must give the same entries in the same
 * order and the same state, and leave the ring in the order the search relies on. Run in a real
 * object's SQLite.
 */

type Op =
  | { kind: "append" }
  | { kind: "resize"; size: number }
  | { kind: "replace"; stale: boolean; coalesced: number }
  | { kind: "save" }
  | { kind: "wake" }
  | { kind: "latest" };

const SIZES = fc.integer({ min: 1, max: 7 });
const OPS = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.constant<Op>({ kind: "append" }) },
    { weight: 1, arbitrary: SIZES.map((size): Op => ({ kind: "resize", size })) },
    {
      weight: 2,
      arbitrary: fc.record({ stale: fc.boolean(), coalesced: fc.integer({ min: 2, max: 50 }) }).map((r): Op => ({ kind: "replace", ...r })),
    },
    { weight: 1, arbitrary: fc.constant<Op>({ kind: "save" }) },
    { weight: 2, arbitrary: fc.constant<Op>({ kind: "wake" }) },
    { weight: 2, arbitrary: fc.constant<Op>({ kind: "latest" }) },
  ),
  // Long enough to wrap the ring several times between resizes (arrays are short by default).
  { maxLength: 80, size: "max" },
);

/** What both the ring and the legacy writer take; `wake` and `latest` only mean something for the ring. */
interface Writer {
  append(body: string, keep: number, state: string): number;
  replaceNewest(n: number, body: string, coalesced: number, state: string): boolean;
  saveState(state: string): boolean;
}

const ringWriter = (log: PingLog): Writer => ({
  append: (body, keep, state) => log.append(entryFor(body), keep, state),
  replaceNewest: (n, body, coalesced, state) => log.replaceNewest(n, entryFor(body), coalesced, state),
  saveState: (state) => log.saveState(state),
});

/** Applies `ops` to the writer and the model alike, checking the stored log against the model after each. */
function run(sql: SqlStorage, model: PingLogModel, ops: Op[], start: { size: number; legacy: boolean }): number {
  let size = start.size;
  let log = new PingLog(sql);
  const writer = (): Writer => (start.legacy ? new LegacyRing(sql) : ringWriter(log));
  for (const [i, op] of ops.entries()) {
    const body = `ping ${i}`;
    const state = `state ${i}`;
    if (op.kind === "append") expect(writer().append(body, size, state)).toBe(model.append(body, size, state));
    if (op.kind === "resize") size = op.size;
    if (op.kind === "replace") {
      const n = (model.newest()?.n ?? 0) - (op.stale ? 1 : 0);
      expect(writer().replaceNewest(n, body, op.coalesced, state)).toBe(model.replaceNewest(n, body, op.coalesced, state));
    }
    if (op.kind === "save") expect(writer().saveState(state)).toBe(model.saveState(state));
    if (op.kind === "wake") log = new PingLog(sql);
    if (op.kind === "latest" && !start.legacy) expect(log.latestState()).toBe(model.newest()?.state ?? null);
    expectSameLog(sql, model);
    if (!start.legacy) expect(isInRingOrder(sql)).toBe(true);
  }
  return size;
}

function expectSameLog(sql: SqlStorage, model: PingLogModel): void {
  const stored = new PingLog(sql).list(null, 1000).map((e) => [e.n, e.body, e.coalesced]);
  expect(stored).toEqual(model.entries.map((e) => [e.n, e.body, e.coalesced]).reverse());
  const newestState = sql.exec<{ state: string | null }>("SELECT state FROM ping_log ORDER BY n DESC LIMIT 1").toArray()[0]?.state;
  expect(newestState ?? null).toBe(model.newest()?.state ?? null);
}

/** Runs `body` in a fresh object's storage, with the current tables. */
const inObject = (name: string, body: (storage: DurableObjectStorage) => void) =>
  runInDurableObject(stub(`ping-ring-${name}`), (_, state) => {
    createSchema(state.storage.sql);
    body(state.storage);
  });

describe("the ping log's ring", () => {
  it("matches the model through random appends, resizes, burst replaces, state saves and wake-ups", async () => {
    await inObject("model", (storage) => {
      fc.assert(
        fc.property(SIZES, OPS, (size, ops) => {
          storage.sql.exec("DELETE FROM ping_log");
          run(storage.sql, new PingLogModel(), ops, { size, legacy: false });
        }),
        { numRuns: 300 },
      );
    });
  });

  it("a ring written by version 3, resized and so out of order, is laid out by the upgrade and then matches the model", async () => {
    await inObject("upgrade", (storage) => {
      fc.assert(
        fc.property(SIZES, OPS, OPS, (size, before, after) => {
          storage.sql.exec("DELETE FROM ping_log");
          storage.sql.exec("UPDATE kv SET value = '3' WHERE key = 'schema_version'");
          const model = new PingLogModel();
          const sizeNow = run(storage.sql, model, before, { size, legacy: true });
          upgradeSchema(storage);
          expect(storedSchemaVersion(storage.sql)).toBe(OBJECT_SCHEMA_VERSION);
          expect(isInRingOrder(storage.sql)).toBe(true);
          expectSameLog(storage.sql, model);
          run(storage.sql, model, [{ kind: "latest" }, ...after], { size: sizeNow, legacy: false });
        }),
        { numRuns: 200 },
      );
    });
  });

  it("the upgrade leaves a ring that is already in order as it is", async () => {
    await inObject("in-order", (storage) => {
      const log = new PingLog(storage.sql);
      for (let i = 0; i < 7; i++) log.append(entryFor(`ping ${i}`), 5, `state ${i}`);
      storage.sql.exec("UPDATE kv SET value = '3' WHERE key = 'schema_version'");
      const slots = () => storage.sql.exec("SELECT slot, n FROM ping_log ORDER BY slot").toArray();
      const before = slots();
      upgradeSchema(storage);
      expect(slots()).toEqual(before);
      expect(before.map((row) => row.n)).toEqual([6, 7, 3, 4, 5]);
    });
  });

  it("a slot missing from the ring (never written so) is found on wake-up, logged, and the ring laid out at the next append", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await inObject("gap", (storage) => {
      const model = new PingLogModel();
      const log = new PingLog(storage.sql);
      for (let i = 0; i < 8; i++)
        expect(log.append(entryFor(`ping ${i}`), 6, `state ${i}`)).toBe(model.append(`ping ${i}`, 6, `state ${i}`));
      // Slots 1..6 hold n 7 8 3 4 5 6: drop slot 1 (n 7), so slot 2 holds the newest and slot 1 is missing.
      storage.sql.exec("DELETE FROM ping_log WHERE slot = 1");
      model.entries.splice(model.entries.length - 2, 1);
      const woken = new PingLog(storage.sql);
      expect(woken.latestState()).toBe("state 7");
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ event: "ping_log.relaid", level: "error" }));
      expect(woken.append(entryFor("ping 8"), 6, "state 8")).toBe(model.append("ping 8", 6, "state 8"));
      expect(isInRingOrder(storage.sql)).toBe(true);
      expectSameLog(storage.sql, model);
    });
    logged.mockRestore();
  });
});
