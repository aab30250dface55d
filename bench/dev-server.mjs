// `wrangler dev` servers (BENCH_MODE=dev): lubdub through `npm run dev` (migrations included) and the
// floor worker through wrangler dev directly, each detached in its own process group, logging at warn
// (wrangler's per-request log line costs ~30% on light routes), with its own temp state folder.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { quietEnv, withMaxOpenFiles } from "./bare-server.mjs";
import { workerdPid } from "./proc.mjs";
import { freePort, killGroup, TOKEN, waitUntilUp } from "./util.mjs";

const root = new URL("..", import.meta.url).pathname;

function devCommand(kind, port, inspector, persist) {
  const common = `--port ${port} --inspector-port ${inspector} --persist-to ${persist} --log-level warn`;
  if (kind === "floor") return `${join(root, "node_modules/.bin/wrangler")} dev -c ${join(root, "bench/floor/wrangler.toml")} ${common}`;
  // Burst coalescing off, as in serve.mjs: the bench measures the path where every ping is written.
  return `npm run dev -- ${common} --var ADMIN_TOKEN:${TOKEN} --var PING_BURST_RATE:${process.env.BENCH_PING_BURST_RATE ?? "1000000000"}`;
}

/** kind "lubdub" or "floor". Returns { url, pgid, workerd, persist, stop } like startBare. */
export async function startDev(kind) {
  const [port, inspector] = [await freePort(), await freePort()];
  const persist = mkdtempSync(join(tmpdir(), `lubdub-bench-dev-${kind}-`));
  const [sh, args] = withMaxOpenFiles(devCommand(kind, port, inspector, persist));
  const child = spawn(sh, args, { cwd: root, env: quietEnv(persist), detached: true, stdio: "ignore" });
  const stop = async () => {
    await killGroup(child.pid);
    rmSync(persist, { recursive: true, force: true });
  };
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitUntilUp(url, 120_000);
    return { url, pgid: child.pid, workerd: workerdPid(child.pid), persist, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
