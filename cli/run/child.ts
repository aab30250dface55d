import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { ByteTail } from "../../src/bytes";

export interface ChildEnd {
  /** What lubdub run exits with: the child's code, 128+n for signal n (as a shell reports it), 127/126 if it could not start. */
  exitCode: number;
  /** Why it ended, when not by exiting: the signal's name, or the spawn error. */
  note: string | null;
}

const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Runs the command with its stdout and stderr passed through live (and copied into `tail`), standard input
 * inherited, and SIGINT/SIGTERM/SIGHUP sent to lubdub forwarded to it. Resolves when it has ended and its
 * output is drained.
 */
export function runChild(command: string[], tail: ByteTail): Promise<ChildEnd> {
  const [file = "", ...args] = command;
  const child = spawn(file, args, { stdio: ["inherit", "pipe", "pipe"] });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward);
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    from.on("data", (chunk: Buffer) => tail.push(chunk));
    from.pipe(to, { end: false });
  }
  return new Promise((resolve) => {
    let startError: NodeJS.ErrnoException | null = null;
    child.on("error", (err: NodeJS.ErrnoException) => (startError = err));
    child.on("close", (code, signal) => {
      for (const name of FORWARDED) process.off(name, forward);
      resolve(endOf(code, signal, startError));
    });
  });
}

function endOf(code: number | null, signal: NodeJS.Signals | null, startError: NodeJS.ErrnoException | null): ChildEnd {
  if (startError) return { exitCode: startError.code === "ENOENT" ? 127 : 126, note: `could not start: ${startError.message}` };
  if (signal) return { exitCode: 128 + (constants.signals[signal] ?? 0), note: `killed by ${signal}` };
  return { exitCode: code ?? 1, note: null };
}
