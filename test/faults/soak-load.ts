import { admin } from "../../scripts/harness/admin.mjs";
import type { DevServer } from "../../scripts/harness/dev-server.mjs";
import { percentile, processUsage, slopePerMinute, workerdProcesses } from "./support";

/** The load generators and the memory sampler of soak.test.ts. */

export interface SoakMonitor {
  id: string;
  pingUrl: string;
  /** Pings answered 200 (each must be in the monitor's ping log). */
  pings: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** One ping; null when it answered 200, else what went wrong. */
async function ping(monitor: SoakMonitor, latencies?: number[]): Promise<string | null> {
  const startedAt = performance.now();
  try {
    // Bounded: wrangler dev's proxy holds a GET whose connection to the worker failed until another request arrives.
    const res = await fetch(monitor.pingUrl, { signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    latencies?.push(performance.now() - startedAt);
    if (res.status !== 200) return `ping ${monitor.id}: ${res.status} ${text.slice(0, 200)}`;
    monitor.pings++;
    return null;
  } catch (err) {
    return `ping ${monitor.id}: ${(err as Error).message} ${String((err as Error).cause ?? "")}`;
  }
}

/** `connections` clients, each pinging its share of the monitors in turn until `endAt`. */
export async function pingLoad(monitors: readonly SoakMonitor[], connections: number, endAt: number) {
  const latencies: number[] = [];
  const errors: string[] = [];
  const client = async (c: number) => {
    for (let i = c; Date.now() < endAt; i += connections) {
      const error = await ping(monitors[i % monitors.length] as SoakMonitor, latencies);
      if (error) errors.push(error);
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, c) => client(c)));
  return { requests: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

const FLAP_ON_MS = 10_000;
/** Twice the monitor's interval + grace (4 s + 4 s): every full silence must open an alert. */
const FLAP_OFF_MS = 16_000;

/**
 * Pings `monitor` every second for a while, then stays silent for 16 s, and again, until `endAt`.
 * Flappers start staggered.
 */
export async function flap(monitor: SoakMonitor, k: number, endAt: number) {
  const errors: string[] = [];
  let silences = 0;
  let fullSilences = 0;
  let onUntil = Date.now() + 3000 + (k % 5) * 2000;
  while (Date.now() < endAt) {
    while (Date.now() < Math.min(onUntil, endAt)) {
      const error = await ping(monitor);
      if (error) errors.push(error);
      await sleep(1000);
    }
    if (Date.now() >= endAt) break;
    silences++;
    const silentUntil = Date.now() + FLAP_OFF_MS;
    await sleep(Math.min(silentUntil, endAt) - Date.now());
    if (Date.now() >= silentUntil) fullSilences++;
    onUntil = Date.now() + FLAP_ON_MS;
  }
  return { silences, fullSilences, errors };
}

/** After the run: a last ping closes an alert still open, and a pause keeps the silence that follows from opening another. */
export async function endFlapping(server: DevServer, monitor: SoakMonitor): Promise<string[]> {
  const errors: string[] = [];
  const error = await ping(monitor);
  if (error) errors.push(error);
  const paused = await admin(server, "POST", `/api/v1/monitors/${monitor.id}/pause`).catch((err: Error) => ({
    status: 0,
    body: err.message,
  }));
  if (paused.status !== 200) errors.push(`pause ${monitor.id}: ${paused.status} ${JSON.stringify(paused.body).slice(0, 200)}`);
  return errors;
}

/**
 * One admin client, one request at a time: create a monitor, ping it, edit it, edit a busy monitor,
 * delete the new one and check that its ping URL is gone.
 */
export async function adminChurn(server: DevServer, busy: readonly SoakMonitor[], endAt: number) {
  const errors: string[] = [];
  let cycles = 0;
  const expectStatus = async (what: string, status: number, call: () => Promise<{ status: number; body: unknown }>) => {
    try {
      const res = await call();
      if (res.status !== status) errors.push(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      return res.body as { id?: string; ping_url?: string } | null;
    } catch (err) {
      errors.push(`${what}: ${(err as Error).message}`);
      return null;
    }
  };
  for (let i = 0; Date.now() < endAt; i++) {
    const created = await expectStatus("create", 201, () =>
      admin(server, "POST", "/api/v1/monitors", { name: `churn ${i}`, interval: "1h" }),
    );
    if (!created?.id || !created.ping_url) continue;
    const churned: SoakMonitor = { id: created.id, pingUrl: created.ping_url, pings: 0 };
    const pinged = await ping(churned);
    if (pinged) errors.push(pinged);
    await expectStatus("edit", 200, () => admin(server, "PATCH", `/api/v1/monitors/${churned.id}`, { name: `churn ${i}`, interval: "2h" }));
    const other = busy[i % busy.length] as SoakMonitor;
    await expectStatus("edit busy", 200, () => admin(server, "PATCH", `/api/v1/monitors/${other.id}`, { name: `steady, edited ${i}` }));
    await expectStatus("delete", 204, () => admin(server, "DELETE", `/api/v1/monitors/${churned.id}`));
    const gone = await fetch(churned.pingUrl).then(async (res) => ({ status: res.status, body: await res.text() }));
    if (gone.status !== 404) errors.push(`ping after delete ${churned.id}: ${gone.status}`);
    cycles++;
  }
  return { cycles, errors };
}

interface UsageSample {
  at: number;
  rssMiB: number;
  openFiles: number;
  sqliteFiles: number;
  proxyRssMiB: number;
}

/** Samples the dev server's two workerd processes every 2 s until stopped. */
export function sampleUsage(server: DevServer) {
  const { app, proxy } = workerdProcesses(server);
  const startedAt = Date.now();
  const samples: UsageSample[] = [];
  const errors: string[] = [];
  const take = () => {
    const [own, front] = [processUsage(app), processUsage(proxy)];
    if (!own || !front) {
      if (errors.length === 0) errors.push(`workerd ${own ? proxy : app} exited: the worker restarted (a source file changed?) or crashed`);
      return;
    }
    samples.push({ at: Date.now(), ...own, proxyRssMiB: front.rssMiB });
  };
  take();
  const timer = setInterval(take, 2000);
  /** Leaves out the first half (at least 20 s): workerd's heap and the objects' SQLite caches grow to their working size. */
  const afterWarmUp = () => {
    const warmUpEnd = startedAt + Math.max(20_000, ((samples.at(-1)?.at ?? startedAt) - startedAt) / 2);
    return samples.filter((s) => s.at >= warmUpEnd);
  };
  return {
    samples,
    errors,
    stop: () => {
      clearInterval(timer);
      take();
    },
    afterWarmUp,
    rssSlope: () => slopePerMinute(afterWarmUp().map((s) => ({ at: s.at, value: s.rssMiB }))),
    proxyRssSlope: () => slopePerMinute(afterWarmUp().map((s) => ({ at: s.at, value: s.proxyRssMiB }))),
  };
}

export type Usage = ReturnType<typeof sampleUsage>;

export interface SoakRun {
  load: Awaited<ReturnType<typeof pingLoad>>;
  churn: Awaited<ReturnType<typeof adminChurn>>;
  flapping: Awaited<ReturnType<typeof flap>>[];
  usage: Usage;
}

export function soakReport(run: SoakRun, seconds: number): string {
  const { load, churn, flapping, usage } = run;
  const first = usage.samples[0];
  const warm = usage.afterWarmUp()[0];
  const last = usage.samples.at(-1);
  const mib = (value: number | undefined) => (value === undefined ? "?" : value.toFixed(0));
  const max = (pick: (s: UsageSample) => number) => Math.max(...usage.samples.map(pick));
  return [
    `soak ${seconds} s: ${load.requests} pings (${Math.round(load.requests / seconds)}/s, p50 ${load.p50.toFixed(0)} ms, p99 ${load.p99.toFixed(0)} ms), ${churn.cycles} admin create/edit/delete cycles, ${flapping.reduce((n, f) => n + f.silences, 0)} silences`,
    `app workerd RSS MiB: start ${mib(first?.rssMiB)}, after warm-up ${mib(warm?.rssMiB)}, end ${mib(last?.rssMiB)}; slope after warm-up ${usage.rssSlope().toFixed(1)} MiB/min (${((usage.rssSlope() * 1024) / ((load.requests / seconds) * 60)).toFixed(1)} KiB per ping)`,
    `proxy workerd RSS MiB: start ${mib(first?.proxyRssMiB)}, end ${mib(last?.proxyRssMiB)}; slope after warm-up ${usage.proxyRssSlope().toFixed(1)} MiB/min`,
    `app workerd RSS MiB every 10 s: ${usage.samples
      .filter((_, i) => i % 5 === 0)
      .map((s) => mib(s.rssMiB))
      .join(" ")}`,
    `app workerd open files: max ${max((s) => s.openFiles)}, of which SQLite ${max((s) => s.sqliteFiles)}`,
  ].join("\n");
}
