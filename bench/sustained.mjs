#!/usr/bin/env node
// Sustained ping load on the bare runtime, phase by phase (the decline issue 8 saw, see bench/PROFILE.md §5):
// after each phase, rps, workerd CPU per ping, the objects' SQLite and WAL sizes, RSS, and syscalls per ping
// (`perf stat`; needs perf). Loopback only; the server is stopped at the end, on failure and on a deadline.
//   npm run bench:sustained   SUSTAINED_MONITORS (500), SUSTAINED_LOG (ping_log_size, 1000),
//   SUSTAINED_PHASES (9), SUSTAINED_SECONDS (10), SUSTAINED_BUNDLE (a built bundle instead of building one),
//   SUSTAINED_SIDE (lubdub; floor or floor-alarm: the floor worker over as many objects, for comparison)
// Through npm (or `npx node bench/sustained.mjs`), so it runs on the project's Node 22, which wrangler and Miniflare need.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBundle, startBare } from "./bare-server.mjs";
import { wrkLoad } from "./load.mjs";
import { rssMiB } from "./proc.mjs";
import { admin, pool } from "./util.mjs";

const env = process.env;
const MONITORS = Number(env.SUSTAINED_MONITORS ?? 500);
const LOG = Number(env.SUSTAINED_LOG ?? 1000);
const PHASES = Number(env.SUSTAINED_PHASES ?? 9);
const SECONDS = Number(env.SUSTAINED_SECONDS ?? 10);
/** SUSTAINED_SIDE: lubdub (default), or the floor worker's `floor` (/hit) or `floor-alarm` (/hit-alarm) over as many objects. */
const SIDE = env.SUSTAINED_SIDE ?? "lubdub";
const SYSCALLS = ["fsync", "pwrite64", "pread64", "openat", "ftruncate"];

const folder = mkdtempSync(join(tmpdir(), "lubdub-sustained-"));
let server = null;
async function cleanUp() {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => cleanUp().finally(() => process.exit(1)));
setTimeout(() => cleanUp().finally(() => process.exit(1)), (PHASES * SECONDS + 300) * 1000).unref();

/** MiB of the Durable Objects' databases and WALs (D1 left out). */
function objectFiles(dir) {
  const sizes = { db: 0, wal: 0 };
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory() && entry.name !== "d1") walk(path);
      // A WAL can vanish between the listing and the stat: its object was just closed.
      else if (entry.name.endsWith(".sqlite")) sizes.db += statSync(path, { throwIfNoEntry: false })?.size ?? 0;
      else if (entry.name.endsWith(".sqlite-wal")) sizes.wal += statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    }
  };
  walk(join(dir, "do"));
  return { dbMiB: Math.round(sizes.db / 2 ** 20), walMiB: Math.round(sizes.wal / 2 ** 20) };
}

/** Runs `load()` while `perf stat` counts workerd's syscalls; resolves to { result, perPing }. */
async function withSyscalls(pid, seconds, load) {
  const file = join(folder, "stat.txt");
  const events = SYSCALLS.map((name) => `syscalls:sys_enter_${name}`).join(",");
  const perf = spawn("perf", ["stat", "-x", ",", "-o", file, "-e", events, "-p", String(pid), "--", "sleep", String(seconds)]);
  const exited = new Promise((resolve) => perf.on("exit", resolve));
  const result = load();
  await exited;
  const perPing = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [count, , event] = line.split(",");
    if (event?.startsWith("syscalls:"))
      perPing[event.slice("syscalls:sys_enter_".length)] = Math.round((Number(count) / result.requests) * 100) / 100;
  }
  return { result, perPing };
}

async function lubdubPaths() {
  server = await startBare("lubdub", env.SUSTAINED_BUNDLE ?? buildBundle(folder));
  const names = Array.from({ length: MONITORS }, (_, i) => `sustained${i}`);
  const monitors = await pool(names, 8, (name) =>
    admin(server.url, "POST", "/api/v1/monitors", { name, interval: "1h", ping_log_size: LOG }),
  );
  return monitors.map((m) => new URL(m.ping_url).pathname);
}

async function floorPaths() {
  server = await startBare("floor");
  return Array.from({ length: MONITORS }, (_, i) => `/${SIDE === "floor-alarm" ? "hit-alarm" : "hit"}/k${i}`);
}

try {
  const paths = SIDE === "lubdub" ? await lubdubPaths() : await floorPaths();
  let pings = 0;
  for (let phase = 0; phase < PHASES; phase++) {
    // perf counts over the first SECONDS - 1 s of the phase: it stops before wrk does, so the count is complete.
    const { result, perPing } = await withSyscalls(server.workerd, SECONDS - 1, () =>
      wrkLoad({ origin: server.url, paths, connections: 50, seconds: SECONDS, server }),
    );
    pings += result.requests;
    const scaled = Object.fromEntries(
      Object.entries(perPing).map(([k, v]) => [k, Math.round(((v * SECONDS) / (SECONDS - 1)) * 100) / 100]),
    );
    const { rps, p50ms, p99ms, non2xx, socketErrors } = result;
    const figures = {
      rps,
      p50ms,
      p99ms,
      non2xx,
      socketErrors,
      cpuUsPerPing: result.workerdCpuUsPerRequest,
      pingsPerMonitor: Math.round(pings / MONITORS),
    };
    console.log(
      JSON.stringify({ phase, ...figures, ...objectFiles(server.persist), rssMiB: rssMiB(server.workerd), syscallsPerPing: scaled }),
    );
  }
} catch (err) {
  console.error(`sustained failed: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
