import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DevServer } from "./dev-server";

/** The real `lubdub` binary (package.json "bin"), spawned as a user's shell would run it. */
export const LUBDUB_BIN = new URL("../../bin/lubdub.mjs", import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Called with the child right after it started (e.g. to send it a signal). */
  started?: (pid: number) => void;
}

/** A config folder of its own, so no test reads the user's ~/.config/lubdub. */
export const emptyConfigHome = () => mkdtempSync(join(tmpdir(), "lubdub-cli-config-"));

/** Runs `lubdub <args>` and resolves when it exits. `server` sets LUBDUB_URL and LUBDUB_API_KEY (the ADMIN_TOKEN). */
export function lubdub(server: DevServer | null, args: string[], options: CliOptions = {}): Promise<CliResult> {
  const started = Date.now();
  const env: Record<string, string | undefined> = {
    ...process.env,
    XDG_CONFIG_HOME: emptyConfigHome(),
    LUBDUB_URL: server?.url,
    LUBDUB_API_KEY: server?.token,
    LUBDUB_PING_KEY: undefined,
    LUBDUB_TEAM: undefined,
    ...options.env,
  };
  const child = spawn(process.execPath, [LUBDUB_BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  if (child.pid !== undefined) options.started?.(child.pid);
  child.stdin.end(options.stdin ?? "");
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started })));
}

/** `lubdub --json <args>`, expecting exit 0, parsed. */
export async function lubdubJson(server: DevServer, args: string[], options: CliOptions = {}) {
  const result = await lubdub(server, ["--json", ...args], options);
  if (result.code !== 0) throw new Error(`lubdub ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  // biome-ignore lint/suspicious/noExplicitAny: tests read the API's JSON shapes
  return JSON.parse(result.stdout) as any;
}
