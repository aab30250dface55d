import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import type { Writer } from "../../cli/io";
import { runLubdub } from "../../cli/main";
import { type Receiver, startReceiver } from "../e2e/dev-server";

/** The real `lubdub` binary (package.json "bin"): what discover writes into a crontab, as a user's shell would run it. */
export const LUBDUB_BIN = new URL("../../bin/lubdub.mjs", import.meta.url).pathname;

/** A lubdub server and the key a command line runs with; `team`, when set, is sent as X-Lubdub-Team (LUBDUB_TEAM). */
export interface Target {
  url: string;
  token: string;
  team?: string;
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

interface CliOptions {
  /** Added to (undefined: removed from) the environment the command sees. */
  env?: Record<string, string | undefined>;
  stdin?: string;
}

/** A config folder of its own, so no test reads the user's ~/.config/lubdub. */
export const emptyConfigHome = () => mkdtempSync(join(tmpdir(), "lubdub-cli-config-"));

/** What a command writes, kept as bytes (a ping's body is printed as received). */
function collector(): Writer & { text: () => string } {
  const chunks: Buffer[] = [];
  return {
    isTTY: false,
    write: (chunk: string | Uint8Array) => chunks.push(Buffer.from(chunk)),
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}

function cliEnv(target: Target | null, options: CliOptions): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env,
    XDG_CONFIG_HOME: emptyConfigHome(),
    LUBDUB_URL: target?.url,
    LUBDUB_API_KEY: target?.token,
    LUBDUB_TEAM: target?.team,
    LUBDUB_PING_KEY: undefined,
    ...options.env,
  };
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

/**
 * Runs `lubdub <args>` in this process (cli/main.ts `runLubdub`), as the binary would: its stdout, stderr
 * and exit code, against the real server `target` (LUBDUB_URL, LUBDUB_API_KEY and LUBDUB_TEAM) with the real fetch.
 */
export async function lubdub(target: Target | null, args: string[], options: CliOptions = {}): Promise<CliResult> {
  const [stdout, stderr] = [collector(), collector()];
  const code = await runLubdub([process.execPath, LUBDUB_BIN, ...args], {
    stdout,
    stderr,
    env: cliEnv(target, options),
    fetch: globalThis.fetch,
    readStdin: () => Buffer.from(options.stdin ?? ""),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** `lubdub --json <args>`, expecting exit 0, parsed. */
export async function lubdubJson(target: Target, args: string[], options: CliOptions = {}) {
  const result = await lubdub(target, ["--json", ...args], options);
  if (result.code !== 0) throw new Error(`lubdub ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  // biome-ignore lint/suspicious/noExplicitAny: tests read the API's JSON shapes
  return JSON.parse(result.stdout) as any;
}

/** An admin API call as the target: its key, and its team when it has one. */
export async function api(target: Target, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${target.token}`, "content-type": "application/json" };
  if (target.team) headers["x-lubdub-team"] = target.team;
  const res = await fetch(`${target.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

/** The `cli` project's dev server (test/cli/dev-server-setup.ts), started by the first file that asks. */
async function sharedDevServer(): Promise<Target> {
  const res = await fetch(inject("devServerEndpoint"));
  if (!res.ok) throw new Error(`the shared dev server did not start: ${await res.text()}`);
  return (await res.json()) as Target;
}

/**
 * The project's shared dev server (test/cli/dev-server-setup.ts) as the super-admin acting on a new team of
 * this file's own: what the file creates, lists, applies or prunes is its alone. Read it inside a test.
 */
export function useTeam(name: string): () => Target {
  let target: Target | undefined;
  beforeAll(async () => {
    const server = await sharedDevServer();
    const created = await api(server, "POST", "/api/v1/teams", { name });
    if (created.status !== 201) throw new Error(`cannot create the team ${name}: ${created.status} ${JSON.stringify(created.body)}`);
    target = { ...server, team: created.body.id };
  });
  return () => {
    if (!target) throw new Error("the team is made in beforeAll: read it inside a test");
    return target;
  };
}

/** A local webhook receiver (test/e2e/dev-server.ts) for the file's tests. Read it inside a test. */
export function useReceiver(): { receiver: () => Receiver } {
  let receiver: Receiver | undefined;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => receiver?.close());
  return {
    receiver: () => {
      if (!receiver) throw new Error("the receiver is started in beforeAll: read it inside a test");
      return receiver;
    },
  };
}
