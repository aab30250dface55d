import { readFileSync } from "node:fs";

/** Where a command writes: process.stdout/stderr, or a test's collector. `isTTY` decides colour (cli/output.ts). */
export interface Writer {
  write(chunk: string | Uint8Array): unknown;
  readonly isTTY?: boolean;
}

/**
 * Everything a command takes from the process, in one place, so that `runLubdub` (cli/main.ts) can run a
 * command line in-process: a test gives its own writers, environment and fetch; `lubdub` itself the process's.
 * `lubdub run` is the exception: its child inherits the process's real standard streams.
 */
export interface CliIo {
  stdout: Writer;
  stderr: Writer;
  /** LUBDUB_URL, LUBDUB_API_KEY, LUBDUB_TEAM, LUBDUB_PING_KEY, XDG_CONFIG_HOME, the file's secrets, PATH for crontab. */
  env: NodeJS.ProcessEnv;
  /** Every request: the API client's and the pings. */
  fetch: typeof fetch;
  /** `-` or `@-` as an argument (--body, --data). */
  readStdin: () => Buffer;
}

export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  fetch: (input, init) => fetch(input, init),
  readStdin: () => readFileSync(0),
});
