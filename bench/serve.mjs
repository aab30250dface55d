#!/usr/bin/env node
// Child process of bare-server.mjs: serves one worker with Miniflare (workerd, no wrangler, no dev proxy)
// on 127.0.0.1 and prints one JSON line {"url": ...} once it answers. It runs in its own process group so
// the bench can stop it and its workerd together. Usage: serve.mjs <lubdub|floor> <persist dir> [bundle dir]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import { TOKEN } from "./util.mjs";

// wrangler's own Miniflare (not a dependency of ours, and not hoisted since wrangler 4.1xx): the bench serves the
// bundle with the workerd that `wrangler dev` and `wrangler deploy --dry-run` use, whatever the test plugin bundles.
// Miniflare 5 takes a new shape of options; convertV4MiniflareOptions takes Miniflare 4's, as written below.
const fromWrangler = createRequire(createRequire(import.meta.url).resolve("wrangler"));
const { Miniflare, convertV4MiniflareOptions } = fromWrangler("miniflare");

const [kind, persist, bundle] = process.argv.slice(2);
const BURST_RATE = process.env.BENCH_PING_BURST_RATE ?? "1000000000";
const root = new URL("..", import.meta.url).pathname;
const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, "wrangler.toml"), "utf8"))[1];

const lubdub = () => ({
  scriptPath: join(bundle, "index.js"),
  modulesRoot: bundle, // module names are relative to it, and workerd refuses paths that climb out with ".."
  durableObjects: { MONITOR: { className: "MonitorObject", useSQLite: true } },
  d1Databases: { DB: "lubdub-bench" },
  // Insecure webhooks on: the bench's receivers listen on http://127.0.0.1. Burst coalescing off (a rate
  // no load reaches) unless BENCH_PING_BURST_RATE says otherwise: wrk pings each monitor hundreds of times
  // a second, and the bench measures the path where every ping is written (issue 8), not a burst. The admin
  // rate limits off: Miniflare here has no Rate Limiting binding (it would log a failure per admin call).
  bindings: { ADMIN_TOKEN: TOKEN, ALLOW_INSECURE_WEBHOOKS: "true", PUBLIC_BASE_URL: "", PING_BURST_RATE: BURST_RATE, RATE_LIMITS: "off" },
});

const floor = () => ({
  scriptPath: join(root, "bench/floor/worker.js"),
  modulesRoot: join(root, "bench/floor"),
  durableObjects: { FLOOR: { className: "FloorObject", useSQLite: true } },
});

const mf = new Miniflare(
  convertV4MiniflareOptions({
    host: "127.0.0.1",
    port: 0,
    modules: true,
    compatibilityDate,
    defaultPersistRoot: persist,
    cf: false, // no fetch of Request.cf data from the internet
    // BENCH_INSPECTOR_PORT: workerd's V8 inspector on localhost, for bench/profile.mjs (CPU profiles).
    ...(process.env.BENCH_INSPECTOR_PORT ? { inspectorPort: Number(process.env.BENCH_INSPECTOR_PORT) } : {}),
    ...(kind === "floor" ? floor() : lubdub()),
  }),
);
const url = (await mf.ready).origin;

// The same migrations the tests apply (readD1Migrations splits each file into statements).
if (kind === "lubdub") {
  const db = await mf.getD1Database("DB");
  for (const migration of await readD1Migrations(join(root, "migrations"))) {
    await db.batch(migration.queries.map((query) => db.prepare(query)));
  }
}

console.log(JSON.stringify({ url }));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => mf.dispose().finally(() => process.exit(0)));
