import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { writeStored } from "../../../src/db/stored/format";
import { MONITOR_STATE } from "../../../src/db/stored/monitor";
import { MonitorObject } from "../../../src/do/monitor-object";
import { OBJECT_SCHEMA_VERSION, storedSchemaVersion } from "../../../src/do/storage/object-schema";
import { api, createMonitor, ping, S, setNow, stub, T0, useFakeClock } from "../../helpers";
import { LegacyRing } from "../../ping-ring-model";

/**
 * An object written by the release before schema versions (0.1: kv + AUTOINCREMENT outbox and pings)
 * is upgraded in place when this release first wakes it: its configuration, state, ping log and
 * pending outbox all survive, and it keeps working.
 */
useFakeClock(T0);

/** The tables as release 0.1 created them (src/db/object-store.ts and ping-log.ts at 0960a23). */
const V1_SCHEMA = [
  "CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  `CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, lane TEXT NOT NULL, payload TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, created_at INTEGER NOT NULL)`,
  "CREATE INDEX outbox_by_lane ON outbox (lane, seq)",
  `CREATE TABLE pings (n INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL, exit_status INTEGER,
     method TEXT NOT NULL, ip TEXT, user_agent TEXT, run_id TEXT, duration_ms INTEGER,
     body TEXT NOT NULL, body_encoding TEXT NOT NULL, body_size INTEGER NOT NULL, truncated INTEGER NOT NULL, note TEXT)`,
];

/** Rewrites the object's storage as release 0.1 would have left it, keeping its config and state. */
function rewriteAsV1(sql: SqlStorage): void {
  const value = (key: string) => sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = ?", key).one().value;
  const config = value("config");
  const state = sql.exec<{ state: string }>("SELECT state FROM ping_log ORDER BY n DESC LIMIT 1").one().state;
  for (const table of ["kv", "outbox", "ping_log"]) sql.exec(`DROP TABLE ${table}`);
  for (const statement of V1_SCHEMA) sql.exec(statement);
  sql.exec("INSERT INTO kv (key, value) VALUES ('config', ?), ('state', ?)", config, state);
  for (const [i, body] of ["first", "second", "third"].entries()) {
    sql.exec(
      `INSERT INTO pings (at, kind, exit_status, method, ip, user_agent, run_id, duration_ms, body, body_encoding, body_size, truncated, note)
       VALUES (?, 'success', NULL, 'POST', '10.0.0.1', 'curl/8', NULL, NULL, ?, 'utf-8', ?, 0, NULL)`,
      T0 + i * S,
      body,
      body.length,
    );
  }
  // Delivered and trimmed pings: the log's sequence numbers need not start at 1.
  sql.exec("DELETE FROM pings WHERE n = 1");
  sql.exec(
    "INSERT INTO outbox (id, lane, payload, attempts, next_attempt_at, created_at) VALUES ('dlv_pending', 'chn_x', '{}', 2, ?, ?)",
    T0 + 60 * S,
    T0,
  );
}

describe("upgrading an object written by release 0.1", () => {
  it("keeps its configuration, state, ping log and pending outbox, and takes pings afterwards", async () => {
    const monitor = await createMonitor({ interval: "1h", ping_log_size: 3 });
    await ping(monitor.ping_url);
    setNow(T0 + 10 * S);

    const upgraded = await runInDurableObject(stub(monitor.id), async (_, state) => {
      rewriteAsV1(state.storage.sql);
      expect(storedSchemaVersion(state.storage.sql)).toBe(1);
      // What this release does when it first wakes such an object: construct it.
      const object = new MonitorObject(state, env);
      const outbox = state.storage.sql
        .exec<{ id: string; attempts: number; next_attempt_at: number }>(
          "SELECT id, attempts, next_attempt_at FROM outbox WHERE lane = 'chn_x'",
        )
        .toArray();
      return {
        version: storedSchemaVersion(state.storage.sql),
        snapshot: await object.snapshot(),
        pings: await object.pings(null, 10),
        outbox,
        object,
      };
    });
    expect(upgraded.version).toBe(OBJECT_SCHEMA_VERSION);
    expect(upgraded.snapshot).toMatchObject({ config: { id: monitor.id, pingLogSize: 3 }, state: { status: "up", lastPingAt: T0 } });
    expect(upgraded.pings?.map((p) => [p.n, p.body])).toEqual([
      [3, "third"],
      [2, "second"],
    ]);
    expect(upgraded.outbox).toEqual([{ id: "dlv_pending", attempts: 2, next_attempt_at: T0 + 60 * S }]);

    // It goes on as a current object: pings fill the ring (numbering carries on), the state moves with them.
    const accepted = await runInDurableObject(stub(monitor.id), async (_, state) => {
      const object = new MonitorObject(state, env);
      const input = { signal: { kind: "success" as const, exitStatus: null }, runId: null, method: "GET", ip: null, userAgent: null };
      for (const at of [T0 + 20 * S, T0 + 30 * S]) {
        setNow(at);
        await object.ping(monitor.ping_url.split("/").pop() ?? "", { ...input, body: new Uint8Array(), size: 0, truncated: false });
      }
      const reopened = new MonitorObject(state, env);
      return { pings: await reopened.pings(null, 10), snapshot: await reopened.snapshot() };
    });
    expect(accepted.pings?.map((p) => p.n)).toEqual([5, 4, 3]);
    expect(accepted.snapshot?.state).toMatchObject({ status: "up", lastPingAt: T0 + 30 * S });
  });

  it("from version 2 (no coalesced count): keeps its ping log and state, every old entry standing for one ping", async () => {
    const monitor = await createMonitor({ interval: "1h", ping_log_size: 3 });
    await ping(monitor.ping_url);
    setNow(T0 + 10 * S);
    await ping(monitor.ping_url);
    const upgraded = await runInDurableObject(stub(monitor.id), async (_, state) => {
      const { sql } = state.storage;
      sql.exec("ALTER TABLE ping_log DROP COLUMN coalesced");
      sql.exec("UPDATE kv SET value = '2' WHERE key = 'schema_version'");
      expect(storedSchemaVersion(sql)).toBe(2);
      const object = new MonitorObject(state, env);
      return { version: storedSchemaVersion(sql), pings: await object.pings(null, 10), snapshot: await object.snapshot() };
    });
    expect(upgraded.version).toBe(OBJECT_SCHEMA_VERSION);
    expect(upgraded.pings?.map((p) => [p.n, p.at, p.coalesced])).toEqual([
      [2, T0 + 10 * S, 1],
      [1, T0, 1],
    ]);
    expect(upgraded.snapshot?.state).toMatchObject({ status: "up", lastPingAt: T0 + 10 * S });
    setNow(T0 + 20 * S);
    expect((await ping(monitor.ping_url)).status).toBe(200);
  });

  it("from version 3 with a ring a resize left out of order: keeps the log's order and the newest state, and rolls the right slot", async () => {
    const monitor = await createMonitor({ interval: "1h", ping_log_size: 3 });
    const token = monitor.ping_url.split("/").pop() ?? "";
    for (let i = 0; i < 4; i++) {
      setNow(T0 + i * 10 * S);
      await ping(monitor.ping_url);
    }
    expect((await api("PATCH", `/api/v1/monitors/${monitor.id}`, { ping_log_size: 5 })).status).toBe(200);
    const result = await runInDurableObject(stub(monitor.id), async (object: MonitorObject, state) => {
      const { sql } = state.storage;
      const before = await object.snapshot();
      if (!before) throw new Error("no monitor");
      // Version 3 grew a wrapped ring (slots n4 n2 n3) one past its highest slot: n5 and n6 went after the oldest.
      const legacy = new LegacyRing(sql);
      for (const [i, at] of [T0 + 40 * S, T0 + 50 * S].entries())
        legacy.append(`late ${i}`, 5, writeStored(MONITOR_STATE, { ...before.state, lastPingAt: at }));
      expect(
        sql
          .exec("SELECT n FROM ping_log ORDER BY slot")
          .toArray()
          .map((row) => row.n),
      ).toEqual([4, 2, 3, 5, 6]);
      sql.exec("UPDATE kv SET value = '3' WHERE key = 'schema_version'");
      const woken = new MonitorObject(state, env);
      const upgraded = { version: storedSchemaVersion(sql), pings: await woken.pings(null, 10), snapshot: await woken.snapshot() };
      setNow(T0 + 60 * S);
      const input = { signal: { kind: "success" as const, exitStatus: null }, runId: null, method: "GET", ip: null, userAgent: null };
      await woken.ping(token, { ...input, body: new TextEncoder().encode("after"), size: 5, truncated: false });
      return { upgraded, pings: await woken.pings(null, 10), snapshot: await woken.snapshot() };
    });
    expect(result.upgraded.version).toBe(OBJECT_SCHEMA_VERSION);
    expect(result.upgraded.pings?.map((p) => [p.n, p.body])).toEqual([
      [6, "late 1"],
      [5, "late 0"],
      [4, ""],
      [3, ""],
      [2, ""],
    ]);
    expect(result.upgraded.snapshot?.state.lastPingAt).toBe(T0 + 50 * S);
    // The next ping replaces the oldest entry (n 2), not whichever slot came after the newest before the upgrade.
    expect(result.pings?.map((p) => [p.n, p.body])).toEqual([
      [7, "after"],
      [6, "late 1"],
      [5, "late 0"],
      [4, ""],
      [3, ""],
    ]);
    expect(result.snapshot?.state.lastPingAt).toBe(T0 + 60 * S);
  });
});
