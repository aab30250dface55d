#!/usr/bin/env node
// `npm run bench`: lubdub's hot path measured against the one-write floor (issue 8), loopback only.
//   BENCH_MODE=bare (default): the production bundle (wrangler deploy --dry-run) and the floor worker,
//     each served by Miniflare/workerd with no dev proxy.   BENCH_MODE=dev: both under `wrangler dev`.
// Parts (BENCH_PARTS, default "load,rows,lateness,objects"; "pages" is the dashboard's weight, bench/pages.mjs; "scrape" /metrics and the admin list at 1,000 and 10,000 monitors, bench/scrape.mjs): ping load vs the floor with workerd CPU per
// request (BENCH_ROUNDS rounds, 3, of BENCH_SECONDS, 10, per side; medians); rows per ping (from test/do/monitor-storage.test.ts); alert lateness for BENCH_LATENESS monitors
// (1,100,1000); memory and open files per busy object (BENCH_OBJECTS of them, 200).
// BENCH_SCALE=10000 adds the scale run on a fresh server. Every server started is stopped, even on failure.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startDevServer } from "../scripts/harness/dev-server.mjs";
import { buildBundle, quietEnv, startBare, withMaxOpenFiles } from "./bare-server.mjs";
import { alertLateness, latenessTargets } from "./lateness.mjs";
import { hasWrk } from "./load.mjs";
import { objectCost } from "./object-cost.mjs";
import { pageWeights } from "./pages.mjs";
import { workerdPid } from "./proc.mjs";
import { rowsPerPing } from "./rows.mjs";
import { scaleRun } from "./scale.mjs";
import { scrapeWeights } from "./scrape.mjs";
import { throughput } from "./throughput.mjs";
import { TOKEN } from "./util.mjs";

const env = process.env;
const MODE = env.BENCH_MODE ?? "bare";
const PARTS = (env.BENCH_PARTS ?? "load,rows,lateness,objects").split(",");
const OBJECTS = Number(env.BENCH_OBJECTS ?? 200);
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
const SPREAD = Number(env.BENCH_LOAD_MONITORS ?? 50);
const LATENESS = (env.BENCH_LATENESS ?? "1,100,1000").split(",").map(Number);
const SCALE = Number(env.BENCH_SCALE ?? 0);
const PAGE_SIZES = (env.BENCH_PAGES_MONITORS ?? "100,1000,10000").split(",").map(Number);
const SCRAPE_SIZES = (env.BENCH_SCRAPE_MONITORS ?? "1000,10000").split(",").map(Number);
const SCALE_INTERVAL = Number(env.BENCH_SCALE_INTERVAL ?? 120);
// A hung step must not keep servers running forever: the whole run has a deadline.
const TIMEOUT_MINUTES = Number(env.BENCH_TIMEOUT_MINUTES ?? (SCALE > 0 ? 120 : 30));

const folder = mkdtempSync(join(tmpdir(), "lubdub-bench-"));
const servers = [];
const stopServers = () => Promise.all(servers.splice(0).map((s) => s.stop()));
async function cleanUp() {
  await stopServers();
  rmSync(folder, { recursive: true, force: true });
}
async function abort(why) {
  await cleanUp();
  console.error(why);
  process.exit(1);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => abort(`stopped by ${signal}`));
setTimeout(() => abort(`bench exceeded ${TIMEOUT_MINUTES} min`), TIMEOUT_MINUTES * 60_000).unref();

const LABEL = MODE === "dev" ? "[wrangler dev]" : "[bare runtime: production bundle on Miniflare/workerd]";
/**
 * BENCH_MODE=dev: lubdub through `npm run dev` (migrations included), the floor worker through `wrangler dev`
 * directly, with the tests' starter. Burst coalescing off, as in serve.mjs: the bench measures the path where
 * every ping is written. Returns what startBare returns.
 */
async function startDev(kind) {
  const server = await startDevServer({
    token: TOKEN,
    vars: { PING_BURST_RATE: env.BENCH_PING_BURST_RATE ?? "1000000000" },
    ...(kind === "floor" ? { config: new URL("floor/wrangler.toml", import.meta.url).pathname } : {}),
    env: quietEnv(join(folder, `dev-${kind}`)),
    wrap: withMaxOpenFiles,
    readyWithinMs: 120_000,
  });
  return { ...server, workerd: workerdPid(server.pgid) };
}

let bundle;
async function start(kind) {
  if (MODE !== "dev") bundle ??= buildBundle(folder);
  const server = MODE === "dev" ? await startDev(kind) : await startBare(kind, bundle);
  servers.push(server);
  return server;
}

async function lateness(lubdub) {
  for (const count of LATENESS) {
    console.log(`${LABEL} alert lateness: ${count} monitor(s), 1 s interval, due together; ms after the deadline`);
    const result = await alertLateness(lubdub.url, count);
    console.log(JSON.stringify({ ...result, ...latenessTargets(result) }));
  }
}

async function scale() {
  const server = await start("lubdub");
  console.log(`${LABEL} scale: ${SCALE} monitors, ${SCALE_INTERVAL} s interval, each pinged once, then silent`);
  const result = await scaleRun(server, SCALE, SCALE_INTERVAL);
  console.log(JSON.stringify(result));
  if (result.idle.workerdExited || result.afterAlerts.workerdExited) {
    console.error(`workerd died during the scale run: open-files limit ${result.openFilesLimit}? (BENCH_NOFILE raises it where permitted)`);
    process.exitCode = 1;
  }
}

try {
  console.log(JSON.stringify({ mode: MODE, parts: PARTS, scale: SCALE, cores: cpus().length, loadavg: loadavg() }));
  if (PARTS.includes("rows")) {
    console.log("rows per ping (test/do/monitor-storage.test.ts, rowsWritten/rowsRead of every cursor)");
    console.log(JSON.stringify(rowsPerPing(folder)));
  }
  if (["load", "lateness"].some((part) => PARTS.includes(part))) {
    const lubdub = await start("lubdub");
    if (PARTS.includes("load")) {
      if (!hasWrk()) throw new Error("wrk not found: apt-get install wrk");
      const floor = await start("floor");
      await throughput(lubdub, floor, { connections: CONNECTIONS, seconds: SECONDS, spread: SPREAD, label: LABEL, rounds: ROUNDS });
    }
    if (PARTS.includes("lateness")) await lateness(lubdub);
    await stopServers(); // the scale run gets a fresh runtime of its own
  }
  if (PARTS.includes("objects")) {
    // A fresh runtime: objects still busy from the parts above would hide what each new one costs.
    const lubdub = await start("lubdub");
    console.log(`${LABEL} object cost: ${OBJECTS} monitors busy, then deleted and idle, then ${OBJECTS} unknown-token pings`);
    console.log(JSON.stringify(await objectCost(lubdub, OBJECTS)));
    await stopServers();
  }
  if (PARTS.includes("pages")) {
    const lubdub = await start("lubdub");
    console.log(`${LABEL} dashboard pages: CPU per render and bytes with ${PAGE_SIZES.join(", ")} monitors in the team`);
    console.log(JSON.stringify(await pageWeights(lubdub, PAGE_SIZES)));
    await stopServers();
  }
  if (PARTS.includes("scrape")) {
    const lubdub = await start("lubdub");
    console.log(
      `${LABEL} admin reads: /metrics and the monitor list, CPU per request, bytes and D1 queries with ${SCRAPE_SIZES.join(", ")} monitors`,
    );
    await scrapeWeights(lubdub, SCRAPE_SIZES); // prints a line per row
    await stopServers();
  }
  // The scale run reads the bare server's own D1 file and workerd; wrangler dev adds nothing to learn there.
  if (SCALE > 0 && MODE === "dev") console.log("scale: bare mode only (unset BENCH_MODE)");
  else if (SCALE > 0) await scale();
} catch (err) {
  console.error(`bench failed: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
