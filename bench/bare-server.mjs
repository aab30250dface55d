// Bare-runtime servers: the production bundle (wrangler deploy --dry-run) and the floor worker, each
// served by Miniflare/workerd in its own process group with its own temp persistence folder.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workerdPid } from "./proc.mjs";
import { killGroup, waitUntilUp } from "./util.mjs";

const root = new URL("..", import.meta.url).pathname;
export const quietEnv = (folder) => ({
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true", // the banner also asks the npm registry for a newer wrangler
  XDG_CONFIG_HOME: join(folder, "config"),
});

/** The bundle `wrangler deploy` would upload (minified, as wrangler.toml says), built offline. */
export function buildBundle(folder) {
  const outdir = join(folder, "bundle");
  const args = ["deploy", "--dry-run", "--outdir", outdir];
  const result = spawnSync(join(root, "node_modules/.bin/wrangler"), args, {
    cwd: root,
    env: quietEnv(folder),
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${result.stdout}\n${result.stderr}`);
  return outdir;
}

/**
 * Raises the open-files soft limit to the hard one: each live object holds 3 to 4 SQLite files in workerd,
 * and past the limit workerd fails pings (SQLITE_CANTOPEN) and then dies (accept: Too many open files).
 * BENCH_NOFILE=65536 raises the hard limit too (needs root or CAP_SYS_RESOURCE); the server fails to start otherwise.
 */
export function withMaxOpenFiles(command) {
  const wanted = Number(process.env.BENCH_NOFILE ?? 0);
  const raise = wanted > 0 ? `ulimit -Hn ${wanted} && ulimit -Sn ${wanted}` : `ulimit -Sn "$(ulimit -Hn)"`;
  return ["sh", ["-c", `${raise} && exec ${command}`]];
}

/** Resolves to the line of JSON the child prints when ready, or rejects when it exits first. */
function readyLine(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server not ready within ${timeoutMs} ms`)), timeoutMs);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before it was ready`)));
  });
}

/**
 * kind "lubdub" (needs `bundle`) or "floor"; `env` adds to the server's environment (BENCH_INSPECTOR_PORT,
 * see serve.mjs). Returns { url, pgid, workerd, persist, stop }.
 */
export async function startBare(kind, bundle, env = {}) {
  const persist = mkdtempSync(join(tmpdir(), `lubdub-bench-${kind}-`));
  const [sh, args] = withMaxOpenFiles(`node ${join(root, "bench/serve.mjs")} ${kind} ${persist} ${bundle ?? ""}`);
  const child = spawn(sh, args, { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "inherit"] });
  const stop = async () => {
    await killGroup(child.pid);
    rmSync(persist, { recursive: true, force: true });
  };
  try {
    const { url } = await readyLine(child, 120_000);
    await waitUntilUp(url);
    return { url, pgid: child.pid, workerd: workerdPid(child.pid), persist, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
