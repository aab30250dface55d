import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { emptyConfigHome, LUBDUB_BIN } from "../cli/helpers";
import type { DevServer } from "./dev-server";

// The real `lubdub` binary (package.json "bin", LUBDUB_BIN), spawned as a user's shell would run it. The
// commands that need no real process run in-process instead: test/cli/helpers.ts.

interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

interface CliOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Called with the child right after it started (e.g. to send it a signal). */
  started?: (pid: number) => void;
}

/** The environment `lubdub` runs with: `server` sets LUBDUB_URL and LUBDUB_API_KEY (the ADMIN_TOKEN). */
function cliEnv(server: DevServer | null, options: CliOptions): Record<string, string | undefined> {
  return {
    ...process.env,
    XDG_CONFIG_HOME: emptyConfigHome(),
    LUBDUB_URL: server?.url,
    LUBDUB_API_KEY: server?.token,
    LUBDUB_PING_KEY: undefined,
    LUBDUB_TEAM: undefined,
    ...options.env,
  };
}

/** Spawns `file args`, feeds it `options.stdin`, and resolves with what it printed when it exits. */
function collect(file: string, args: string[], env: Record<string, string | undefined>, options: CliOptions): Promise<CliResult> {
  const started = Date.now();
  const child = spawn(file, args, { env, stdio: ["pipe", "pipe", "pipe"] });
  if (child.pid !== undefined) options.started?.(child.pid);
  child.stdin.end(options.stdin ?? "");
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started })));
}

/** Runs `lubdub <args>` and resolves when it exits. `server` sets LUBDUB_URL and LUBDUB_API_KEY (the ADMIN_TOKEN). */
export function lubdub(server: DevServer | null, args: string[], options: CliOptions = {}): Promise<CliResult> {
  return collect(process.execPath, [LUBDUB_BIN, ...args], cliEnv(server, options), options);
}

/** util-linux's `script`, which runs a command under a pseudo-terminal; null when it is not installed. */
export const SCRIPT_BIN = process.platform === "linux" && existsSync("/usr/bin/script") ? "/usr/bin/script" : null;

const shellQuote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Runs `lubdub <args>` with its stdout a terminal, as a person at a terminal runs it: under `script -qec`
 * (a pseudo-terminal; -e keeps the exit code). The terminal's stdout and stderr come back as one `stdout`,
 * with the terminal's \r\n line ends turned into \n. TERM is set, as a terminal sets it (Node's styleText
 * also checks it), and the colour switches of the environment running the tests are cleared.
 */
export function lubdubInTerminal(server: DevServer, args: string[], options: CliOptions = {}): Promise<CliResult> {
  if (!SCRIPT_BIN) throw new Error("script (util-linux) is not installed");
  const command = [process.execPath, LUBDUB_BIN, ...args].map(shellQuote).join(" ");
  const terminal = { TERM: "xterm-256color", NO_COLOR: undefined, FORCE_COLOR: undefined, NODE_DISABLE_COLORS: undefined };
  const env = cliEnv(server, { ...options, env: { ...terminal, ...options.env } });
  return collect(SCRIPT_BIN, ["-qec", command, "/dev/null"], env, options).then((result) => ({
    ...result,
    stdout: result.stdout.replaceAll("\r\n", "\n"),
  }));
}
