import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isAdminRoute } from "../admin-routes";
import { api, createMonitor, createWebhookChannel, interceptFetch, ping, S, setNow, settle, T0 } from "../helpers";
import { FuzzTarget } from "./fuzz-check";
import { appRoutes, type FuzzRequest, randomRequest, routeRequest } from "./fuzz-requests";
import type { Pools } from "./fuzz-state";

/**
 * Fault suite, bad input: property-based fuzzing of every route the app lists (`createApp().routes`, so a
 * new route is fuzzed without a word here): methods, paths, parameters (real ids, forged tokens, junk),
 * query strings, headers and bodies (mutated valid bodies, wrong types, edge values, 1e309, deep
 * nesting, huge strings, bytes that are not UTF-8, lone surrogates, `__proto__`). Whatever arrives:
 * - never a 5xx, and the server keeps serving;
 * - every 4xx under /api/ is exactly the error envelope; no valid token, 401; a body over 64 KiB, 413;
 * - a rejected request (or any API read) changes nothing: D1 row for row, and every monitor object it
 *   addressed (storage, alarm, memory), before and after;
 * - no text is kept other than as sent (no U+FFFD in an answer), no route that reads JSON accepts a
 *   body that is not UTF-8 JSON, and no streamed body is abandoned half read.
 * The checks themselves are tested against deliberately broken routes in fuzz-check.test.ts.
 *
 * Reproducible: a fixed seed by default. Override with FUZZ_SEED and FUZZ_RUNS (total cases), e.g.
 * `FUZZ_SEED=7 FUZZ_RUNS=20000 npx vitest run --project faults-workerd`.
 */

const setting = (name: string, fallback: number) => {
  const value = Number(Reflect.get(env, name) || Number.NaN);
  return Number.isSafeInteger(value) ? value : fallback;
};
const SEED = setting("FUZZ_SEED", 20261129);
const TOTAL_RUNS = setting("FUZZ_RUNS", 5200);

const routes = appRoutes();
const adminRoutes = routes.filter(isAdminRoute);
const pingRoutes = routes.filter((r) => r.path.startsWith("/ping"));
const otherRoutes = routes.filter((r) => !adminRoutes.includes(r) && !pingRoutes.includes(r));

let fixtureCount = 0;

/** Deletes the newest rows past `keep`: what the fuzzer creates would otherwise make every snapshot slower. */
async function trim(resource: "monitors" | "channels", keep: number): Promise<void> {
  const extra = await env.DB.prepare(`SELECT id FROM ${resource} ORDER BY created_at, id LIMIT -1 OFFSET ?`)
    .bind(keep)
    .all<{ id: string }>();
  for (const { id } of extra.results) expect((await api("DELETE", `/api/v1/${resource}/${id}`)).status).toBe(204);
}

async function createFixtureMonitor(channels: string[]): Promise<void> {
  fixtureCount += 1;
  const monitor = await createMonitor({ interval: 60, channels, slug: `fuzz-${fixtureCount}` });
  for (const body of ["started", "OK done", "ERR \u00ff"]) await ping(monitor.ping_url, "POST", body);
}

/** A monitor that went down and was paused: an alert, closed, with its deliveries. */
async function createAlertFixture(channels: string[]): Promise<void> {
  const down = await createMonitor({ interval: 60, channels, summary: "fuzz alert" });
  await ping(down.ping_url);
  setNow(Date.now() + 120 * S);
  await settle(down.id);
  await api("POST", `/api/v1/monitors/${down.id}/pause`);
  await settle(down.id);
}

/**
 * Between 3 and 5 monitors (with slugs and pings), 2 to 4 channels, and an alert with deliveries: real
 * ids for the fuzzer. Says whether it had to change anything (then the pools are read again).
 */
async function replenish(pools: Pools): Promise<boolean> {
  const [monitors, channels, deliveries] = [pools.monitor.length, pools.channel.length, pools.delivery.length];
  if (monitors >= 3 && monitors <= 5 && channels >= 2 && channels <= 4 && deliveries > 0) return false;
  if (monitors > 5) await trim("monitors", 5);
  if (channels > 4) await trim("channels", 4);
  const kept = pools.channel.slice(0, 2);
  for (let n = channels; n < 2; n++) kept.push((await createWebhookChannel()).id);
  for (let n = monitors; n < 3; n++) await createFixtureMonitor(kept);
  if (deliveries === 0) await createAlertFixture(kept);
  return true;
}

let target: FuzzTarget;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  setNow(T0);
  // Channel tests and deliveries leave the isolate: answer them here.
  interceptFetch(() => new Response("ok"));
  await api("POST", "/api/v1/monitors", { name: "paused", interval: "1h", enabled: false });
  target = await FuzzTarget.create(replenish);
});

afterAll(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

async function fuzz(arbitrary: fc.Arbitrary<FuzzRequest>, runs: number, seed: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, (request) => target.check(request)),
    { seed, numRuns: runs, endOnFailure: false },
  );
}

describe("bad input never breaks the API", () => {
  it("admin routes: every /api/ route, its parameters, query, headers and bodies fuzzed", async () => {
    await fuzz(fc.oneof(...adminRoutes.map(routeRequest)), Math.round(TOTAL_RUNS * 0.6), SEED);
    for (const route of adminRoutes)
      expect(target.hits(`${route.method} ${route.path}`), `${route.method} ${route.path}`).toBeGreaterThan(0);
  });

  it("ping routes: tokens real, forged and unknown, signals, slugs, methods and bodies", async () => {
    await fuzz(fc.oneof(...pingRoutes.map(routeRequest)), Math.round(TOTAL_RUNS * 0.25), SEED + 1);
    for (const route of pingRoutes)
      expect(target.hits(`${route.method} ${route.path}`), `${route.method} ${route.path}`).toBeGreaterThan(0);
  });

  it("made-up paths and methods, and the routes outside /api/ and /ping/", async () => {
    await fuzz(fc.oneof(randomRequest, ...otherRoutes.map(routeRequest)), Math.round(TOTAL_RUNS * 0.15), SEED + 2);
    expect(target.hits("random")).toBeGreaterThan(0);
  });

  it("every route was fuzzed, and the API still works afterwards", async () => {
    const runs = [...routes.map((r) => `${r.method} ${r.path}`), "random"].reduce((sum, route) => sum + target.hits(route), 0);
    expect(runs).toBeGreaterThanOrEqual(Math.min(TOTAL_RUNS, 5000));
    console.log(`fuzzed ${runs} requests (seed ${SEED}):\n${target.report()}`);
    const monitor = await createMonitor({ interval: 60 });
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.name).toBe("backup");
    expect((await ping(monitor.ping_url)).status).toBe(200);
    expect((await api("DELETE", `/api/v1/monitors/${monitor.id}`)).status).toBe(204);
  });
});
