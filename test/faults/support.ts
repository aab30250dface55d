import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { admin, type DevServer } from "../e2e/dev-server";

// --- Fault receivers (receiver-faults.test.ts) -------------------------------------------------

/** What a fault receiver does with one delivery attempt. */
export type FaultAction =
  /** 200 at once. */
  | "ok"
  /** 500 at once. */
  | "error500"
  /** Reads the request and never answers (lubdub's 10 s timeout must give up on it). */
  | "hang"
  /** Resets the TCP connection (RST) instead of answering. */
  | "reset"
  /** 200 after `slowMs` (8 s by default): under lubdub's timeout, so it counts as delivered. */
  | "slow"
  /** 410 Gone: the channel is broken for good. */
  | "gone";

export interface FaultAttempt {
  webhookId: string;
  type: string;
  alertId: string;
  /** `monitor.last_ping_at` of the payload (ms), to measure how late an alert was. */
  lastPingAt: number | null;
  /** 1 for the first attempt with this webhook-id, 2 for its retry, ... */
  n: number;
  action: FaultAction;
  receivedAt: number;
  /** When the receiver answered 2xx (null: it answered otherwise, or not yet, or never). */
  okAt: number | null;
  /** When lubdub's side of the connection went away (a hang ends here). */
  closedAt: number | null;
}

/** Decides the action for the `n`th attempt (from 1) with one webhook-id. */
export type FaultPlan = (n: number, type: string) => FaultAction;

/** The first attempt of every event fails with `fault`; every later one succeeds. */
export const faultOnce =
  (fault: FaultAction): FaultPlan =>
  (n) =>
    n === 1 ? fault : "ok";

export const always =
  (action: FaultAction): FaultPlan =>
  () =>
    action;

interface Payload {
  type: string;
  alert: { id: string };
  monitor: { last_ping_at: string | null };
}

/** A webhook receiver on 127.0.0.1 that misbehaves as `plan` says and records every attempt. */
export async function startFaultReceiver(plan: FaultPlan, options: { slowMs?: number } = {}) {
  const slowMs = options.slowMs ?? 8000;
  const attempts: FaultAttempt[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const payload = JSON.parse(body) as Payload;
      const webhookId = String(req.headers["webhook-id"]);
      const n = attempts.filter((a) => a.webhookId === webhookId).length + 1;
      const lastPingAt = payload.monitor.last_ping_at ? Date.parse(payload.monitor.last_ping_at) : null;
      const attempt: FaultAttempt = {
        webhookId,
        type: payload.type,
        alertId: payload.alert.id,
        lastPingAt,
        n,
        action: plan(n, payload.type),
        receivedAt: Date.now(),
        okAt: null,
        closedAt: null,
      };
      attempts.push(attempt);
      res.once("close", () => (attempt.closedAt = Date.now()));
      if (attempt.action === "ok") {
        attempt.okAt = Date.now();
        res.writeHead(200).end("ok");
      } else if (attempt.action === "error500") res.writeHead(500).end("internal error");
      else if (attempt.action === "gone") res.writeHead(410).end("gone");
      else if (attempt.action === "reset") req.socket.resetAndDestroy();
      else if (attempt.action === "slow") {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (attempt.closedAt !== null) return; // lubdub gave up first: not delivered
          attempt.okAt = Date.now();
          res.writeHead(200).end("ok");
        }, slowMs);
        timers.add(timer);
      }
      // "hang": never answer.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    attempts,
    /** The attempts answered 2xx, in the order they were answered. */
    delivered: () => attempts.filter((a) => a.okAt !== null).sort((a, b) => (a.okAt ?? 0) - (b.okAt ?? 0)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FaultReceiver = Awaited<ReturnType<typeof startFaultReceiver>>;

/** Percentile (0..100) of a list of numbers, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** A webhook channel to a fault receiver, and the monitor helpers the receiver-fault tests share. */
export async function faultChannel(server: DevServer, plan: FaultPlan, name: string) {
  const receiver = await startFaultReceiver(plan);
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
  const created = await admin(server, "POST", "/api/v1/monitors", { name, interval: intervalSeconds, channels });
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

export interface ProcessUsage {
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
