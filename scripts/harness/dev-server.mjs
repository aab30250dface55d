// @ts-check
// The one `wrangler dev` starter of the e2e tests, the fault suite and the bench (BENCH_MODE=dev), with
// the waiting and process-group helpers they share. Loopback only, free ports, a state folder per server.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;

/** @returns {Promise<number>} a port free on 127.0.0.1 right now */
export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

/** @param {number} ms @returns {Promise<void>} */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` every 100 ms until it is true; throws, saying what it waited for, after `timeoutMs`.
 * @param {() => Promise<boolean> | boolean} check
 * @param {number} timeoutMs
 * @param {string} what
 */
export async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Until `url` answers 2xx (each try bounded, so a server that accepts and stalls is retried). */
export async function waitUntilUp(/** @type {string} */ url, timeoutMs = 60_000) {
  const answers = () =>
    fetch(url, { signal: AbortSignal.timeout(5000) }).then(
      (res) => res.arrayBuffer().then(() => res.ok),
      () => false,
    );
  await waitFor(answers, timeoutMs, `${url} to answer`);
}

export const newStateFolder = (prefix = "lubdub-dev-") => mkdtempSync(join(tmpdir(), prefix));

/**
 * @typedef {{
 *   url: string,
 *   token: string,
 *   pgid: number,
 *   persist: string,
 *   output(): string,
 *   stop(): Promise<void>,
 *   hardKill(): Promise<void>,
 * }} DevServer
 * `output()`: everything the server printed so far (for failure messages). `pgid`: its process group (the
 * bench reads workerd's figures there). `hardKill()`: kill -9 of the whole group, no graceful stop; the
 * state folder stays as the crash left it.
 */

/**
 * @typedef {{
 *   persist?: string,
 *   vars?: Record<string, string>,
 *   cwd?: string,
 *   token?: string,
 *   port?: number,
 *   inspectorPort?: number,
 *   logLevel?: string,
 *   config?: string,
 *   env?: Record<string, string>,
 *   wrap?: (command: string) => [string, string[]],
 *   readyWithinMs?: number,
 * }} DevServerOptions
 * `persist`: that state folder, kept afterwards (a later server picks up where this one stopped); otherwise a
 * throwaway one. `vars`: `--var`s (RATE_LIMITS is "off" unless given: the suites send many requests from one
 * address). `cwd`: run from that copy of the project. `config`: `wrangler dev -c <config>` instead of `npm run
 * dev` (the bench's floor worker). `wrap`: turns the command line into what to spawn (the bench raises the
 * open-files limit in a shell first). Log level "warn": wrangler's per-request line costs ~30% on light routes.
 */

/** Starts `npm run dev` (the README's command) on free ports, detached in its own process group. */
export async function startDevServer(/** @type {DevServerOptions} */ options = {}) {
  const port = options.port ?? (await freePort());
  const persist = options.persist ?? newStateFolder();
  const token = options.token ?? "e2e-admin-token";
  const argv = devCommand(options, port, persist, token, options.inspectorPort ?? (await freePort()));
  const [file, args] = options.wrap ? options.wrap(argv.join(" ")) : [argv[0] ?? "npm", argv.slice(1)];
  const env = { ...process.env, CI: "true", ...options.env };
  const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"], detached: true, env, cwd: options.cwd ?? root });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const pgid = child.pid ?? 0;
  const stop = async () => {
    await killGroup(pgid);
    if (!options.persist) rmSync(persist, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(url, options.readyWithinMs ?? 45_000);
  } catch (err) {
    await stop();
    throw new Error(`${err instanceof Error ? err.message : err}\n--- dev server output ---\n${output}`);
  }
  /** @type {DevServer} */
  const server = { url, token, pgid, persist, output: () => output, stop, hardKill: () => hardKill(pgid) };
  return server;
}

/**
 * @param {DevServerOptions} options
 * @param {number} port @param {string} persist @param {string} token @param {number} inspectorPort
 */
function devCommand(options, port, persist, token, inspectorPort) {
  const common = ["--port", String(port), "--inspector-port", String(inspectorPort), "--persist-to", persist];
  const logLevel = ["--log-level", options.logLevel ?? "warn"];
  if (options.config) return [join(root, "node_modules/.bin/wrangler"), "dev", "-c", options.config, ...common, ...logLevel];
  // e.g. ALLOW_INSECURE_WEBHOOKS: "false" for production's URL rules (scripts/dev.mjs then leaves it alone).
  const vars = { ADMIN_TOKEN: token, RATE_LIMITS: "off", ...options.vars };
  return [
    "npm",
    "run",
    "dev",
    "--",
    ...common,
    ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    ...logLevel,
  ];
}

/**
 * Whether any process of the group still runs. Zombies do not count: in a container nobody may reap
 * them, and they answer signal 0 forever. Without /proc (not Linux), signal 0 is all there is.
 * @param {number} pgid
 */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  let entries;
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return true;
  }
  return entries.some((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(group) === pgid && state !== "Z";
    } catch {
      return false; // gone meanwhile
    }
  });
}

/** @param {number} pgid @param {NodeJS.Signals} signal */
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {} // already gone
}

/** @param {number} pgid @param {number} ms */
async function waitGone(pgid, ms) {
  for (let waited = 0; waited < ms && groupAlive(pgid); waited += 50) await sleep(50);
}

/** Stops a detached child and everything it started (workerd included): SIGTERM, SIGKILL after 5 s. */
export async function killGroup(/** @type {number} */ pgid) {
  if (!pgid || !groupAlive(pgid)) return;
  signalGroup(pgid, "SIGTERM");
  await waitGone(pgid, 5000);
  if (groupAlive(pgid)) await hardKill(pgid);
}

/** kill -9 of the whole group, then a bounded wait, so a restart does not share the state folder with it. */
export async function hardKill(/** @type {number} */ pgid) {
  if (!pgid) return;
  signalGroup(pgid, "SIGKILL");
  await waitGone(pgid, 5000);
}
