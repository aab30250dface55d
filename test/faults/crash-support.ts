import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { admin } from "../../scripts/harness/admin.mjs";
import { type DevServer, startDevServer } from "../../scripts/harness/dev-server.mjs";

/** What `npm run dev` reads: a copy of these (and a link to node_modules) runs the same server. */
const PROJECT_FILES = ["src", "migrations", "scripts", "wrangler.toml", "package.json", "tsconfig.json"];

/**
 * A copy of the project's sources as they are now. `wrangler dev` rebuilds and reloads the worker when a
 * source file changes; a server run from the copy keeps the code under test fixed for the whole test,
 * whatever is edited meanwhile. Delete the returned folder afterwards.
 */
export function snapshotProject(root = process.cwd()): string {
  const copy = mkdtempSync(join(tmpdir(), "lubdub-snapshot-"));
  for (const name of PROJECT_FILES) cpSync(join(root, name), join(copy, name), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"), "dir");
  return copy;
}

/**
 * A dev server on one state folder that can be killed with SIGKILL and started again on the same
 * state, as after a power cut. `current()` is the running server; `stopAll()` cleans up either way.
 */
export function crashableServer(persist: string, cwd?: string) {
  let running: DevServer | undefined;
  return {
    current(): DevServer {
      if (!running) throw new Error("the dev server is not running");
      return running;
    },
    async start(): Promise<DevServer> {
      running = await startDevServer({ persist, ...(cwd ? { cwd } : {}) });
      return running;
    },
    async kill(): Promise<void> {
      await running?.hardKill();
      running = undefined;
    },
    async stopAll(): Promise<void> {
      await running?.hardKill();
      running = undefined;
    },
  };
}

/** Every page of an admin list route. */
export async function listAll<T>(server: DevServer, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const sep = path.includes("?") ? "&" : "?";
    const res = await admin(server, "GET", `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...(res.body.data as T[]));
    cursor = res.body.next_cursor ?? null;
    if (!cursor) return items;
  }
  throw new Error(`GET ${path}: more than 100 pages`);
}

/**
 * What a monitor's object holds on disk (its kv rows and outbox), read with the sqlite3 command-line
 * tool from a stopped server's state folder: the debug view of the object's outbox the API does not give.
 */
export function dumpObjectStorage(persist: string, monitorId: string): string {
  const files = findFiles(persist, (name) => name.endsWith(".sqlite") && !name.includes("metadata"));
  for (const file of files) {
    const kv = sqlite(file, "SELECT value FROM kv WHERE key = 'config'");
    if (!kv.includes(`"id":"${monitorId}"`)) continue;
    return [
      `object file ${file}`,
      `state: ${sqlite(file, "SELECT value FROM kv WHERE key = 'state'")}`,
      `outbox:\n${sqlite(file, "SELECT seq, id, lane, attempts, next_attempt_at, created_at, substr(payload, 1, 300) FROM outbox ORDER BY seq")}`,
      `alarm: ${sqlite(file, "SELECT * FROM _cf_METADATA")}`,
    ].join("\n");
  }
  return `no object storage found for ${monitorId} under ${persist}`;
}

function sqlite(file: string, query: string): string {
  const result = spawnSync("sqlite3", ["-readonly", file, query], { encoding: "utf8", timeout: 5000 });
  return (result.stdout || result.stderr || "").trim();
}

function findFiles(dir: string, matches: (name: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findFiles(path, matches));
    else if (matches(entry.name)) found.push(path);
  }
  return found;
}
