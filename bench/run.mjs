#!/usr/bin/env node
// `npm run bench`: loads a real `npm run dev` server on 127.0.0.1 and reports
//   1. ping throughput and latency (token pings, concurrent clients, fixed duration);
//   2. alert lateness: how long after its deadline each of many silent monitors' alert.opened arrives.
// Bounded in time, loopback only; it stops the server it starts. Figures go in BENCHMARKS.md.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PING_SECONDS = Number(process.env.BENCH_PING_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const MONITORS = Number(process.env.BENCH_MONITORS ?? 200);
const TOKEN = "bench-admin-token";

const freePort = () =>
  new Promise((resolve) => {
    const server = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function startServer() {
  const [port, inspector] = [await freePort(), await freePort()];
  const persist = mkdtempSync(join(tmpdir(), "lubdub-bench-"));
  const args = ["run", "dev", "--", "--port", String(port), "--inspector-port", String(inspector), "--persist-to", persist];
  const child = spawn("npm", [...args, "--var", `ADMIN_TOKEN:${TOKEN}`, "--log-level", "warn"], { stdio: "ignore", detached: true });
  const url = `http://127.0.0.1:${port}`;
  for (
    let i = 0;
    i < 300 &&
    !(await fetch(url)
      .then((r) => r.ok)
      .catch(() => false));
    i++
  )
    await sleep(100);
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    rmSync(persist, { recursive: true, force: true });
  };
  return { url, stop };
}

async function admin(url, method, path, body, retries = 2) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
  }).catch((err) => {
    // A kept-alive connection the dev server's proxy closed under load: try once more on a new one.
    if (retries > 0) return null;
    throw err;
  });
  if (!res) return admin(url, method, path, body, retries - 1);
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

const hasWrk = spawnSync("wrk", ["--version"]).error === undefined;

/** With wrk (Debian's `wrk`): a C load generator, so the client is not what is measured. */
function wrkLoad(monitors) {
  const folder = mkdtempSync(join(tmpdir(), "lubdub-wrk-"));
  const script = join(folder, "paths.lua");
  const paths = monitors.map((m) => `"${new URL(m.ping_url).pathname}"`).join(", ");
  writeFileSync(
    script,
    `local paths = { ${paths} }\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n`,
  );
  const args = ["-t2", `-c${CONCURRENCY}`, `-d${PING_SECONDS}s`, "--latency", "-s", script, new URL(monitors[0].ping_url).origin];
  const out = spawnSync("wrk", args, { encoding: "utf8" }).stdout;
  rmSync(folder, { recursive: true, force: true });
  const pick = (re) => out.match(re)?.[1] ?? "?";
  return {
    tool: "wrk",
    rps: Math.round(Number(pick(/Requests\/sec:\s+([\d.]+)/))),
    p50: pick(/Latency Distribution[\s\S]*?\s50%\s+(\S+)/),
    p99: pick(/Latency Distribution[\s\S]*?\s99%\s+(\S+)/),
    errors: Number(pick(/Non-2xx or 3xx responses:\s+(\d+)/)) || 0,
  };
}

/** `monitorCount` 1: every client pings the same monitor (one object, serialised); else one each. */
async function pingLoad(url, monitorCount) {
  const monitors = [];
  for (let i = 0; i < monitorCount; i++) monitors.push(await admin(url, "POST", "/api/v1/monitors", { name: `load${i}`, interval: "1h" }));
  if (hasWrk) {
    const result = wrkLoad(monitors);
    await Promise.all(monitors.map((m) => admin(url, "DELETE", `/api/v1/monitors/${m.id}`)));
    return result;
  }
  const latencies = [];
  let errors = 0;
  const end = Date.now() + PING_SECONDS * 1000;
  const client = async (_, i) => {
    const monitor = monitors[i % monitors.length];
    while (Date.now() < end) {
      const start = performance.now();
      const res = await fetch(monitor.ping_url).catch(() => null);
      if (res?.ok) await res.text();
      else errors++;
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  await Promise.all(monitors.map((m) => admin(url, "DELETE", `/api/v1/monitors/${m.id}`)));
  latencies.sort((a, b) => a - b);
  return {
    tool: "node fetch (install wrk for a client that is not the bottleneck)",
    requests: latencies.length,
    rps: Math.round(latencies.length / PING_SECONDS),
    p50: percentile(latencies, 50).toFixed(1),
    p99: percentile(latencies, 99).toFixed(1),
    errors,
  };
}

async function alertLateness(url, count) {
  const arrivals = new Map();
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const event = JSON.parse(body);
      if (event.type === "alert.opened") arrivals.set(event.monitor.id, { at: Date.now(), event });
      res.end("ok");
    });
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const channel = await admin(url, "POST", "/api/v1/channels", {
    type: "webhook",
    name: "bench",
    url: `http://127.0.0.1:${receiver.address().port}/`,
  });
  const monitors = [];
  for (let i = 0; i < count; i++) {
    monitors.push(await admin(url, "POST", "/api/v1/monitors", { name: `m${i}`, interval: "5s", channels: [channel.id] }));
  }
  await Promise.all(monitors.map((m) => fetch(m.ping_url).then((r) => r.text())));
  const deadline = Date.now() + 60_000;
  while (arrivals.size < monitors.length && Date.now() < deadline) await sleep(100);
  const late = [];
  const received = [];
  for (const { at, event } of arrivals.values()) {
    const due = Date.parse(event.monitor.last_ping_at) + event.monitor.interval * 1000;
    late.push(Date.parse(event.alert.opened_at) - due);
    received.push(at - due);
  }
  for (const m of monitors.filter((m) => !arrivals.has(m.id))) {
    const alerts = await admin(url, "GET", `/api/v1/monitors/${m.id}/alerts`);
    const deliveries = alerts.data[0] ? await admin(url, "GET", `/api/v1/alerts/${alerts.data[0].id}/deliveries`) : null;
    console.error(
      "no alert.opened received for",
      m.id,
      JSON.stringify(await admin(url, "GET", `/api/v1/monitors/${m.id}`)),
      JSON.stringify(alerts),
      JSON.stringify(deliveries),
    );
  }
  await Promise.all(monitors.map((m) => admin(url, "POST", `/api/v1/monitors/${m.id}/pause`)));
  receiver.close();
  late.sort((a, b) => a - b);
  received.sort((a, b) => a - b);
  return {
    monitors: monitors.length,
    alerts: arrivals.size,
    openedLate: { p50: percentile(late, 50), p90: percentile(late, 90), max: late.at(-1) },
    receivedLate: { p50: percentile(received, 50), p90: percentile(received, 90), max: received.at(-1) },
  };
}

const server = await startServer();
try {
  console.log(`ping load: ${CONCURRENCY} clients for ${PING_SECONDS} s, each on its own monitor`);
  console.log(JSON.stringify(await pingLoad(server.url, CONCURRENCY)));
  console.log(`ping load: ${CONCURRENCY} clients for ${PING_SECONDS} s, all on one monitor`);
  console.log(JSON.stringify(await pingLoad(server.url, 1)));
  for (const count of [1, MONITORS]) {
    console.log(`alert lateness: ${count} monitor(s) (5 s interval) going silent together, ms after the deadline`);
    console.log(JSON.stringify(await alertLateness(server.url, count)));
  }
} finally {
  server.stop();
}
