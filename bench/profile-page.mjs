#!/usr/bin/env node
// `npm run bench:profile-page`: where a dashboard page render's CPU goes (issue 18), on the bare runtime
// (the production bundle on Miniflare/workerd, 127.0.0.1 only). The team grows to each size of
// PROFILE_PAGE_MONITORS (1000,10000) as bench/pages.mjs grows it; at each size every page of PROFILE_PAGES
// (list, details, details 90d by default; `:id` stands for the first monitor's id) is rendered
// PROFILE_PAGE_RENDERS times (20) in sequence while V8's sampling profiler runs in the worker's isolate.
// Writes <size>-<page>.cpuprofile (Chrome DevTools) to PROFILE_OUT and prints where the time went, mapped
// back to src/ through the bundle's source map. D1's SQLite runs natively in workerd: it shows as the time
// the isolate waits (idle), not in these tables; `npm run bench` (BENCH_PARTS=pages) measures the whole.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBundle, startBare } from "./bare-server.mjs";
import { connect, inspectorTargets, profileDuring } from "./cdp.mjs";
import { bundleSourceMap, summarise } from "./cpuprofile.mjs";
import { get, growTo, signIn } from "./pages.mjs";
import { cpuSeconds } from "./proc.mjs";
import { freePort } from "./util.mjs";

const env = process.env;
const SIZES = (env.PROFILE_PAGE_MONITORS ?? "1000,10000").split(",").map(Number);
const PAGES = (env.PROFILE_PAGES ?? "/app/monitors,/app/monitors/:id,/app/monitors/:id?range=90d").split(",");
const RENDERS = Number(env.PROFILE_PAGE_RENDERS ?? 20);
const INTERVAL_US = Number(env.PROFILE_INTERVAL_US ?? 100);
const OUT = env.PROFILE_OUT ?? mkdtempSync(join(tmpdir(), "lubdub-profile-page-"));
const WARM_UP = 3;

const folder = mkdtempSync(join(tmpdir(), "lubdub-profile-page-build-"));
let server = null;
async function cleanUp() {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => cleanUp().finally(() => process.exit(1)));
setTimeout(() => cleanUp().finally(() => process.exit(1)), 30 * 60_000).unref(); // a hung step must not keep the server

const rows = (list, limit) =>
  list
    .slice(0, limit)
    .map((r) => `  ${String(r.pct).padStart(5)}%  ${String(r.ms).padStart(8)} ms  ${r.key}`)
    .join("\n");

async function profilePage(session, map, path, cookie, size) {
  for (let i = 0; i < WARM_UP; i++) await get(server.url, path, cookie);
  // workerd's whole CPU (D1's SQLite included) first, without the profiler's own cost in it.
  const cpuBefore = cpuSeconds(server.workerd);
  for (let i = 0; i < RENDERS; i++) await get(server.url, path, cookie);
  const cpuMs = Math.round(((cpuSeconds(server.workerd) - cpuBefore) * 10000) / RENDERS) / 10;
  const { profiles } = await profileDuring([session], INTERVAL_US, async () => {
    for (let i = 0; i < RENDERS; i++) await get(server.url, path, cookie);
  });
  const name = `${size}-${path.replace(/^\/app\//, "").replace(/[^\w]+/g, "_")}`;
  writeFileSync(join(OUT, `${name}.cpuprofile`), JSON.stringify(profiles[0]));
  const s = summarise(profiles[0], { map, limit: 30 });
  console.log(
    `\n=== ${size} monitors, ${path}: workerd CPU ${cpuMs} ms per render, JS samples in the isolate (wall clock: the profiler's cost and CPU contention in it) ${Math.round((s.busyMs / RENDERS) * 10) / 10} ms (profiled)`,
  );
  console.log(`byTotal:\n${rows(s.byTotal, 30)}\nbySelf:\n${rows(s.bySelf, 15)}\nbyArea:\n${rows(s.byArea, 10)}`);
}

try {
  mkdirSync(OUT, { recursive: true });
  const bundle = env.PROFILE_BUNDLE ?? buildBundle(folder);
  const map = bundleSourceMap(bundle);
  const port = await freePort();
  server = await startBare("lubdub", bundle, { BENCH_INSPECTOR_PORT: String(port) });
  const cookie = await signIn(server.url);
  const target = (await inspectorTargets(port)).find((t) => t.id === "core:user:");
  if (!target) throw new Error("no inspector target for the worker (core:user:)");
  const session = await connect(target.webSocketDebuggerUrl);
  const monitors = [];
  for (const size of SIZES) {
    await growTo(server.url, monitors, size);
    for (const page of PAGES) await profilePage(session, map, page.replace(":id", monitors[0].id), cookie, size);
  }
  session.close();
  console.log(`\nprofiles in ${OUT}`);
} catch (err) {
  console.error(`profile failed: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
