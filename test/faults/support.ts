import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { admin } from "../../scripts/harness/admin.mjs";
import type { DevServer } from "../../scripts/harness/dev-server.mjs";
import { type Plan, type Reply, startReceiver } from "../../scripts/harness/receiver.mjs";

// --- Fault receivers (receiver-faults.test.ts): the shared receiver with a fault plan -------------

/** How a real receiver fails, besides "hang" (never answers: lubdub's 10 s timeout must give up) and "reset" (TCP RST). */
export const FAULTS = {
  error500: { status: 500, body: "internal error" },
  /** 200 after 8 s: under lubdub's timeout, so it counts as delivered. */
  slow: { status: 200, delayMs: 8000 },
  /** 410 Gone: the channel is broken for good. */
  gone: { status: 410, body: "gone" },
} satisfies Record<string, Reply>;

/** Percentile (0..100) of a list of numbers, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** A webhook channel to a receiver that answers as `plan` says, and the monitor helpers the receiver-fault tests share. */
export async function faultChannel(server: DevServer, plan: Plan, name: string) {
  const receiver = await startReceiver({ plan });
  const created = await admin(server, "POST", "/api/v1/channels", { type: "webhook", name, url: receiver.url });
  if (created.status !== 201) {
    await receiver.close();
    throw new Error(`channel ${name}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  return { receiver, channelId: created.body.id as string };
}

export interface TestMonitor {
  id: string;
  pingUrl: string;
}

export async function intervalMonitor(server: DevServer, name: string, intervalSeconds: number, channels: string[]): Promise<TestMonitor> {
  const created = await admin(server, "POST", "/api/v1/monitors", { name, interval: intervalSeconds, grace: 0, channels });
  if (created.status !== 201) throw new Error(`monitor ${name}: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id, pingUrl: created.body.ping_url };
}

/** One success ping; returns how long the server took to answer it (ms). */
export async function pingOnce(monitor: TestMonitor): Promise<number> {
  const started = performance.now();
  const res = await fetch(monitor.pingUrl);
  await res.text();
  if (res.status !== 200) throw new Error(`ping ${monitor.id}: ${res.status}`);
  return performance.now() - started;
}

/** `count` pings, one after another, over the monitors in turn: their latencies (ms). */
export async function pingLatencies(monitors: readonly TestMonitor[], count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) latencies.push(await pingOnce(monitors[i % monitors.length] as TestMonitor));
  return latencies;
}

// --- Process usage of a dev server (soak.test.ts) ----------------------------------------------

/**
 * `wrangler dev` runs two workerd processes: a proxy that owns the public port, and the one that runs
 * lubdub (its Durable Objects, their SQLite files, D1). Found through /proc (Linux), by the port.
 */
export function workerdProcesses(server: DevServer): { app: number; proxy: number } {
  const port = new URL(server.url).port;
  const workerds = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => ({ pid: Number(pid), args: readProc(`/proc/${pid}/cmdline`).split("\0") }))
    .filter(({ args }) => args[0]?.endsWith("/workerd") && args[1] === "serve");
  const proxy = workerds.find(({ args }) => args.includes(`--socket-addr=entry=127.0.0.1:${port}`));
  if (!proxy) throw new Error(`no workerd serves port ${port}`);
  const group = processGroup(proxy.pid);
  const app = workerds.find(({ pid }) => pid !== proxy.pid && processGroup(pid) === group);
  if (!app) throw new Error(`no second workerd in process group ${group}`);
  return { app: app.pid, proxy: proxy.pid };
}

interface ProcessUsage {
  rssMiB: number;
  openFiles: number;
  /** Open descriptors on SQLite files (databases, -wal and -shm). */
  sqliteFiles: number;
}

/** Null once the process is gone. */
export function processUsage(pid: number): ProcessUsage | null {
  const status = readProc(`/proc/${pid}/status`);
  const rss = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (rss === undefined) return null;
  let fds: string[] = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return null;
  }
  const sqliteFiles = fds.filter((fd) => /\.sqlite(-wal|-shm)?$/.test(readLink(`/proc/${pid}/fd/${fd}`))).length;
  return { rssMiB: Number(rss) / 1024, openFiles: fds.length, sqliteFiles };
}

/** Least-squares slope of `value` over `at` (ms), per minute. */
export function slopePerMinute(samples: readonly { at: number; value: number }[]): number {
  const n = samples.length;
  if (n < 2) return Number.NaN;
  const meanT = samples.reduce((sum, s) => sum + s.at, 0) / n;
  const meanV = samples.reduce((sum, s) => sum + s.value, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const s of samples) {
    covariance += (s.at - meanT) * (s.value - meanV);
    variance += (s.at - meanT) ** 2;
  }
  return variance === 0 ? Number.NaN : (covariance / variance) * 60_000;
}

function readProc(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function readLink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return "";
  }
}

/** Field 5 of /proc/<pid>/stat (after the parenthesised command name, which may hold spaces). */
function processGroup(pid: number): number {
  const stat = readProc(`/proc/${pid}/stat`);
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
}
