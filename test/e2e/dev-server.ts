import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface DevServer {
  url: string;
  token: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
  /** kill -9 of the whole process group: no graceful stop, the state folder is kept as the crash left it. */
  hardKill(): Promise<void>;
}

export const newStateFolder = () => mkdtempSync(join(tmpdir(), "lubdub-e2e-"));

/**
 * Starts `npm run dev` (the README's command) on free ports. With `persist`, it uses (and keeps) that
 * state folder, so a later server can pick up where a stopped one left off; otherwise a throwaway one.
 * With `cwd`, it runs from that copy of the project (see the fault suite's snapshot of the sources).
 */
export async function startDevServer(options: { persist?: string; vars?: Record<string, string>; cwd?: string } = {}): Promise<DevServer> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const persist = options.persist ?? newStateFolder();
  const token = "e2e-admin-token";
  const child = spawn(
    "npm",
    [
      "run",
      "dev",
      "--",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      persist,
      "--var",
      `ADMIN_TOKEN:${token}`,
      // e.g. ALLOW_INSECURE_WEBHOOKS: "false" for production's URL rules (scripts/dev.mjs then leaves it alone).
      // The suites send many admin requests, and wrong tokens, all from 127.0.0.1 (rate limits: README).
      ...Object.entries({ RATE_LIMITS: "off", ...options.vars }).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
      "--log-level",
      "warn",
    ],
    { stdio: ["ignore", "pipe", "pipe"], detached: true, env: { ...process.env, CI: "true" }, cwd: options.cwd },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await killGroup(child);
    if (!options.persist) rmSync(persist, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => (await fetch(url).catch(() => null))?.ok === true, 45_000, "dev server to answer");
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- dev server output ---\n${output}`);
  }
  const hardKill = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const group = -child.pid;
    process.kill(group, "SIGKILL");
    await exited;
    // The group leader (npm) exits first; give workerd a moment too, so a restart does not share the state
    // folder with it (a zombie nobody reaps still answers signal 0, hence a bounded wait, not an error).
    for (let waited = 0; waited < 5000 && groupAlive(group); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  return { url, token, output: () => output, stop, hardKill };
}

function groupAlive(group: number): boolean {
  try {
    process.kill(group, 0);
    return true;
  } catch {
    return false;
  }
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface ReceivedEvent {
  headers: IncomingMessage["headers"];
  /** `test`: the message of `POST /channels/:id/test`. */
  body: { type: string; alert: { id: string }; test?: boolean };
}

/**
 * A local webhook receiver. `accepting` can be switched off to act like a receiver that is down (503, with
 * `Retry-After: <retryAfter>` when set); `refusedIds` has the `webhook-id` of each message it refused.
 */
export async function startReceiver() {
  const events: ReceivedEvent[] = [];
  const state = { accepting: true, refused: 0, refusedIds: [] as string[], retryAfter: null as number | null };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      if (!state.accepting) {
        state.refused++;
        state.refusedIds.push(String(req.headers["webhook-id"]));
        res.writeHead(503, state.retryAfter === null ? {} : { "retry-after": String(state.retryAfter) }).end("down");
        return;
      }
      events.push({ headers: req.headers, body: JSON.parse(body) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    events,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An admin API call against a running dev server. */
/**
 * wrangler 4.86's dev proxy answers a request it failed to hand to workerd (a busy machine is enough)
 * with this 503 and does not retry a POST. Not lubdub's answer: an idempotent admin call is sent again.
 */
const PROXY_RESTART = "Your worker restarted mid-request";
const idempotent = (method: string, path: string) => method !== "POST" || /\/(pause|resume)$/.test(path);

export async function admin(server: DevServer, method: string, path: string, body?: unknown) {
  const send = () =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let res = await send();
  let text = await res.text();
  for (let retry = 0; retry < 2 && res.status === 503 && text.includes(PROXY_RESTART) && idempotent(method, path); retry++) {
    console.warn(`${method} ${path}: the dev proxy's 503, sent again`);
    res = await send();
    text = await res.text();
  }
  try {
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
    return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
  } catch {
    throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  }
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * A dev server and a local receiver for every test of the file, stopped afterwards. Read them
 * through the returned getters: they exist only once `beforeAll` has run.
 */
export function useDevServerAndReceiver(): { server: () => DevServer; receiver: () => Receiver } {
  let server: DevServer | undefined;
  let receiver: Receiver | undefined;
  beforeAll(async () => {
    [server, receiver] = await Promise.all([startDevServer(), startReceiver()]);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the dev server is not started (use inside a test)");
    return value;
  };
  return { server: () => started(server), receiver: () => started(receiver) };
}
