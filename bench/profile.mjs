#!/usr/bin/env node
// `npm run bench:profile`: where the CPU goes on the ping path, lubdub beside the floor (issue 8), on the
// bare runtime (the production bundle on Miniflare/workerd, 127.0.0.1 only). For each side: a server with
// workerd's V8 inspector on, a 3 s warm-up, then wrk for PROFILE_SECONDS while the V8 sampling profiler
// runs in the worker's isolate (and in Miniflare's entry worker, which both sides pay for alike), and,
// with PROFILE_PERF=1, `perf record` on workerd for the native side (SQLite, RPC, alarms, I/O).
// Writes <side>.cpuprofile (open in Chrome DevTools) and summary.json to PROFILE_OUT, prints the tables.
//   PROFILE_SIDES (lubdub,floor; also floor-alarm: the floor plus setAlarm), PROFILE_MONITORS (50; 1 puts
//   every request on one object), PROFILE_SECONDS (10), PROFILE_CONNECTIONS (50), PROFILE_INTERVAL_US (100),
//   PROFILE_PERF=1 (perf on workerd), PROFILE_PERF_CALLGRAPH=1 (with call chains: inclusive shares), PROFILE_V8=0
//   (perf alone), PROFILE_BUNDLE (a built bundle folder instead of building one), PROFILE_OUT (a new /tmp folder).
// The inspector and the profiler cost CPU themselves: compare proportions between sides, not rps with `npm run bench`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBundle, startBare } from "./bare-server.mjs";
import { connect, inspectorTargets, profileDuring } from "./cdp.mjs";
import { bundleSourceMap, summarise } from "./cpuprofile.mjs";
import { hasWrk, wrkLoad } from "./load.mjs";
import { perfRecord, perfReport } from "./perf.mjs";
import { admin, freePort, pool } from "./util.mjs";

const env = process.env;
const SIDES = (env.PROFILE_SIDES ?? "lubdub,floor").split(",");
const OBJECTS = Number(env.PROFILE_MONITORS ?? 50);
const SECONDS = Number(env.PROFILE_SECONDS ?? 10);
const CONNECTIONS = Number(env.PROFILE_CONNECTIONS ?? 50);
const INTERVAL_US = Number(env.PROFILE_INTERVAL_US ?? 100);
const PERF = env.PROFILE_PERF === "1";
/** PROFILE_V8=0 with PROFILE_PERF=1: native profile only, without the V8 profiler's own cost in it. */
const V8 = env.PROFILE_V8 !== "0";
const OUT = env.PROFILE_OUT ?? mkdtempSync(join(tmpdir(), "lubdub-profile-"));
const WARM_UP_SECONDS = 3;
/** The isolates worth sampling: the worker Miniflare serves (with its objects), and Miniflare's entry worker. */
const TARGETS = { "core:user:": "worker", "core:entry": "miniflare-entry" };

const folder = mkdtempSync(join(tmpdir(), "lubdub-profile-build-"));
const servers = [];
async function cleanUp() {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  rmSync(folder, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => cleanUp().finally(() => process.exit(1)));
setTimeout(() => cleanUp().finally(() => process.exit(1)), 15 * 60_000).unref(); // a hung step must not keep servers

/** The request paths of one side: ping URLs of fresh monitors, or floor keys. */
async function pathsFor(side, url) {
  if (side !== "lubdub") return Array.from({ length: OBJECTS }, (_, i) => `/${side === "floor-alarm" ? "hit-alarm" : "hit"}/k${i}`);
  const names = Array.from({ length: OBJECTS }, (_, i) => `profile${i}`);
  const monitors = await pool(names, 8, (name) => admin(url, "POST", "/api/v1/monitors", { name, interval: "1h" }));
  return monitors.map((m) => new URL(m.ping_url).pathname);
}

async function profileSide(side, bundle, map) {
  const port = await freePort();
  const server = await startBare(side === "lubdub" ? "lubdub" : "floor", bundle, { BENCH_INSPECTOR_PORT: String(port) });
  servers.push(server);
  const paths = await pathsFor(side, server.url);
  const load = (seconds) => wrkLoad({ origin: server.url, paths, connections: CONNECTIONS, seconds, server });
  load(WARM_UP_SECONDS);
  const targets = V8 ? (await inspectorTargets(port)).filter((t) => TARGETS[t.id]) : [];
  const sessions = await Promise.all(targets.map((t) => connect(t.webSocketDebuggerUrl)));
  const perf = PERF ? perfRecord(server.workerd, SECONDS, join(OUT, `${side}.perf.data`)) : null;
  const { result, profiles } = await profileDuring(sessions, INTERVAL_US, async () => load(SECONDS));
  for (const session of sessions) session.close();
  const report = { side, wrk: result, isolates: {} };
  targets.forEach((target, i) => {
    const name = `${side}.${TARGETS[target.id]}`;
    writeFileSync(join(OUT, `${name}.cpuprofile`), JSON.stringify(profiles[i]));
    report.isolates[TARGETS[target.id]] = summarise(profiles[i], { map: TARGETS[target.id] === "worker" ? map : null });
  });
  if (perf) report.native = perfReport(await perf, join(OUT, `${side}.perf.txt`));
  await server.stop();
  servers.splice(servers.indexOf(server), 1);
  return report;
}

function print(report) {
  const rows = (list) => list.map((r) => `  ${String(r.pct).padStart(5)}%  ${String(r.ms).padStart(8)} ms  ${r.key}`).join("\n");
  console.log(`\n=== ${report.side}: ${JSON.stringify(report.wrk)}`);
  for (const [isolate, s] of Object.entries(report.isolates)) {
    console.log(`--- isolate ${isolate}: sampled ${s.sampledMs} ms, busy (not idle) ${s.busyMs} ms`);
    const lists = isolate === "worker" ? ["byArea", "byEntry", "bySelf", "byTotal"] : ["byArea", "bySelf"];
    for (const list of lists) console.log(`${list}:\n${rows(s[list].slice(0, isolate === "worker" ? 25 : 8))}`);
  }
  if (report.native) console.log(`--- native (perf, workerd, self time):\n${report.native.top}`);
}

try {
  if (!hasWrk()) throw new Error("wrk not found: apt-get install wrk");
  mkdirSync(OUT, { recursive: true });
  const bundle = env.PROFILE_BUNDLE ?? buildBundle(folder);
  const map = bundleSourceMap(bundle);
  const reports = [];
  for (const side of SIDES) {
    const report = await profileSide(side, bundle, map);
    print(report);
    reports.push(report);
  }
  writeFileSync(join(OUT, "summary.json"), JSON.stringify(reports, null, 1));
  console.log(`\nprofiles and summary.json in ${OUT}`);
} catch (err) {
  console.error(`profile failed: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
