import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import type { MonitorObject } from "../../src/do/monitor-object";
import { stub } from "../helpers";
import type { PoolName, PoolRef } from "./fuzz-json";

/**
 * What a request could change, as text keyed by where it lives: every row of every D1 table, and
 * monitor objects' storage (all tables, the key-value API, the alarm) and in-memory view. Compared
 * before and after a rejected request.
 */
export type Snapshot = Map<string, string>;

export interface Table {
  name: string;
  columns: string[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Our tables (not D1's or SQLite's own), with their columns, read once. */
export async function d1Tables(): Promise<Table[]> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  return Promise.all(
    results.map(async ({ name }) => {
      const info = await env.DB.prepare(`PRAGMA table_info(${quote(name)})`).all<{ name: string }>();
      return { name, columns: info.results.map((c) => c.name) };
    }),
  );
}

/**
 * What monitor objects handed to `ctx.waitUntil`: an accepted ping's liveness report to D1 is sent after
 * the answer. Each D1 snapshot waits for it first, so a report lands in the snapshot of the request that
 * caused it, and one caused by a rejected request would show as that request's change.
 */
const background: Promise<unknown>[] = [];

/**
 * Watches `waitUntil` on the prototype every object's `ctx` shares, so objects created in the middle of a
 * request (a slug ping with ?create=1) are covered from their first ping. Undone by `vi.restoreAllMocks`.
 */
export async function watchBackgroundWork(): Promise<void> {
  await runInDurableObject(stub("fuzz-background-probe"), (_, state) => {
    const shared: DurableObjectState = Object.getPrototypeOf(state);
    if (vi.isMockFunction(shared.waitUntil)) return;
    const original = shared.waitUntil;
    vi.spyOn(shared, "waitUntil").mockImplementation(function (this: DurableObjectState, promise: Promise<unknown>) {
      background.push(promise);
      original.call(this, promise);
    });
  });
}

async function backgroundSettled(): Promise<void> {
  while (background.length > 0) await Promise.allSettled(background.splice(0));
}

/**
 * Every row of every table, in one statement (a batch costs a round trip per statement), once watched
 * objects' background work has landed. Rows are ordered by all their columns, not by rowid: some tables
 * have none (WITHOUT ROWID).
 */
export async function dumpD1(tables: Table[]): Promise<Snapshot> {
  await backgroundSettled();
  const selects = tables.map(
    (t, i) =>
      `(SELECT json_group_array(json_array(${t.columns.map(quote).join(", ")})) FROM (SELECT * FROM ${quote(t.name)} ORDER BY ${t.columns.map((_, c) => c + 1).join(", ")})) AS t${i}`,
  );
  const row = await env.DB.prepare(`SELECT ${selects.join(", ")}`).first<Record<string, string>>();
  return new Map(tables.map((t, i) => [`d1 ${t.name}`, row?.[`t${i}`] ?? "missing"]));
}

/** JSON.stringify writes an ArrayBuffer as {}: write its bytes, so a changed blob shows. */
const blobs = (_: string, value: unknown) => (value instanceof ArrayBuffer ? Array.from(new Uint8Array(value)) : value);

/** A monitor object's storage and memory as text; "" for an object that holds nothing. */
export function dumpObject(monitorId: string): Promise<string> {
  return runInDurableObject(stub(monitorId), async (instance: MonitorObject, state) => {
    const sql = state.storage.sql;
    const tables = sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name")
      .toArray();
    // Rows sorted as text: some tables have no rowid (WITHOUT ROWID), and row order is not what changed.
    const rowsOf = (name: string) =>
      sql
        .exec(`SELECT * FROM ${quote(name)}`)
        .toArray()
        .map((row) => JSON.stringify(row, blobs));
    const parts = tables.map(({ name }) => `${name}: [${rowsOf(name).sort().join(",")}]`);
    // The key-value API lives in a _cf_ table of its own: read it through the API.
    const keyValues = await state.storage.list();
    if (keyValues.size > 0) parts.push(`storage api: ${JSON.stringify([...keyValues])}`);
    const alarm = await state.storage.getAlarm();
    if (alarm !== null) parts.push(`alarm: ${alarm}`);
    const live = await instance.snapshot();
    if (live !== null) parts.push(`memory: ${JSON.stringify(live)}`);
    return parts.join("\n");
  });
}

/**
 * Records the name of every monitor object the app addresses from now on. Every stub comes from `get`,
 * and the app names its objects (src/do/stub.ts, which keeps ids per isolate, so `idFromName` is not
 * called on every request): an id made from a name carries it. An id made otherwise (from a hex string)
 * is not the app's way and is left to the periodic full check.
 */
export function trackObjects(): { names: Set<string>; clear: () => void } {
  const names = new Set<string>();
  const original = env.MONITOR.get.bind(env.MONITOR);
  vi.spyOn(env.MONITOR, "get").mockImplementation((id: DurableObjectId, options?: DurableObjectNamespaceGetDurableObjectOptions) => {
    if (id.name !== undefined) names.add(id.name);
    return original(id, options);
  });
  return { names, clear: () => names.clear() };
}

/** What changed between two snapshots, for a failure message; null when nothing did. */
export function snapshotDiff(before: Snapshot, after: Snapshot): string | null {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const changes = [...keys]
    .filter((key) => before.get(key) !== after.get(key))
    .map((key) => `${key}\n    before: ${clip(before.get(key))}\n    after:  ${clip(after.get(key))}`);
  return changes.length ? `state changed:\n  ${changes.join("\n  ")}` : null;
}

const clip = (text: string | undefined) => (text === undefined ? "(nothing)" : text.length > 600 ? `${text.slice(0, 600)}…` : text);

/** Real ids and tokens the fuzzer fills into paths and bodies, re-read after every successful change. */
export type Pools = Record<PoolName, string[]>;

/** Objects no monitor owns: a ping with their token must find nothing and write nothing. */
const PHANTOM_IDS = ["phantomaaaaaaaaaaaaaaaaaaa", "phantombbbbbbbbbbbbbbbbbbb"].map((body) => `mon_${body}`);

const ids = (table: string, order: string) => `(SELECT json_group_array(id) FROM (SELECT id FROM ${table} ORDER BY ${order}, id))`;

/** One statement: the pools are re-read after every request that changed something. */
const POOLS_SQL = `SELECT
  (SELECT json_group_array(json_array(id, ping_token, slug)) FROM (SELECT * FROM monitors ORDER BY created_at, id)) AS monitors,
  ${ids("channels", "created_at")} AS channels, ${ids("alerts", "opened_at")} AS alerts, ${ids("deliveries", "created_at")} AS deliveries,
  (SELECT ping_key FROM teams ORDER BY created_at LIMIT 1) AS ping_key`;

export async function readPools(): Promise<Pools> {
  const row = await env.DB.prepare(POOLS_SQL).first<Record<"monitors" | "channels" | "alerts" | "deliveries" | "ping_key", string>>();
  if (!row) throw new Error("cannot read the pools");
  const monitors = JSON.parse(row.monitors) as [string, string, string | null][];
  const tokens = monitors.map(([, token]) => token);
  return {
    monitor: monitors.map(([id]) => id),
    channel: JSON.parse(row.channels),
    alert: JSON.parse(row.alerts),
    delivery: JSON.parse(row.deliveries),
    token: tokens,
    // The right monitor, the wrong secret.
    forgedToken: tokens.map((t) => t.slice(0, 26) + (t.slice(26) === "a".repeat(26) ? "b" : "a").repeat(26)),
    phantomToken: PHANTOM_IDS.map((id) => `${id.slice(4)}${"q".repeat(26)}`),
    pingKey: [row.ping_key],
    slug: [...monitors.flatMap(([, , slug]) => (slug ? [slug] : [])), "no-such-slug"],
    pingN: ["1", "2", "3", "4"],
  };
}

/** Picks from a pool by index, so a generated request stays meaningful as the pools change. */
export const resolveFrom =
  (pools: () => Pools) =>
  (ref: PoolRef): string => {
    const pool = pools()[ref.pool];
    return pool[ref.pick % Math.max(1, pool.length)] ?? `${ref.pool}-none`;
  };
