// Throughput and latency with wrk (a C load generator, so the client is not what is measured), and
// the CPU the server's workerd spent meanwhile, divided by the requests it answered.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpuSeconds, groupCpuSeconds } from "./proc.mjs";

export const hasWrk = () => spawnSync("wrk", ["--version"]).error === undefined;

/** A wrk script that walks the given paths round-robin (one connection after another). */
function pathsScript(folder, paths) {
  const script = join(folder, "paths.lua");
  const list = paths.map((p) => `"${p}"`).join(", ");
  const lua = `local paths = { ${list} }\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n`;
  writeFileSync(script, lua);
  return script;
}

/** wrk prints latencies as 812.00us / 3.21ms / 1.02s: milliseconds as a number. */
function toMs(text) {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? "");
  if (!match) return null;
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2]];
  return Math.round(Number(match[1]) * factor * 100) / 100;
}

function parseWrk(out) {
  const pick = (re) => out.match(re)?.[1];
  return {
    requests: Number(pick(/(\d+) requests in/) ?? 0),
    rps: Math.round(Number(pick(/Requests\/sec:\s+([\d.]+)/) ?? 0)),
    p50ms: toMs(pick(/Latency Distribution[\s\S]*?\s50%\s+(\S+)/)),
    p99ms: toMs(pick(/Latency Distribution[\s\S]*?\s99%\s+(\S+)/)),
    non2xx: Number(pick(/Non-2xx or 3xx responses:\s+(\d+)/) ?? 0),
    socketErrors: pick(/Socket errors:\s+(.*)/) ?? "none",
  };
}

/**
 * Loads `origin` with `connections` wrk connections for `seconds`, requests spread over `paths`.
 * `server` ({ workerd, pgid }) gives the processes whose CPU is counted: workerd alone, and the
 * whole group (under wrangler dev that adds its Node proxy).
 */
export function wrkLoad({ origin, paths, connections, seconds, server }) {
  const folder = mkdtempSync(join(tmpdir(), "lubdub-wrk-"));
  try {
    const args = ["-t2", `-c${connections}`, `-d${seconds}s`, "--timeout", "10s", "--latency", "-s", pathsScript(folder, paths), origin];
    const [cpu0, group0] = [cpuSeconds(server.workerd), groupCpuSeconds(server.pgid)];
    const run = spawnSync("wrk", args, { encoding: "utf8", timeout: (seconds + 30) * 1000 });
    const [cpu1, group1] = [cpuSeconds(server.workerd), groupCpuSeconds(server.pgid)];
    const result = parseWrk(run.stdout ?? "");
    const perRequest = (seconds) => (result.requests ? Math.round((seconds / result.requests) * 1e6) : null);
    return { ...result, workerdCpuUsPerRequest: perRequest(cpu1 - cpu0), serverCpuUsPerRequest: perRequest(group1 - group0) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Ratios against the floor, and whether issue 8's targets hold (rps ≥ 80%, p99 ≤ 1.25×). */
export function compare(lubdub, floor) {
  const rpsRatio = floor.rps ? Math.round((lubdub.rps / floor.rps) * 100) / 100 : null;
  const p99Ratio = floor.p99ms ? Math.round((lubdub.p99ms / floor.p99ms) * 100) / 100 : null;
  return { rpsRatio, p99Ratio, rpsTarget: rpsRatio >= 0.8 ? "met" : "missed", p99Target: p99Ratio <= 1.25 ? "met" : "missed" };
}
