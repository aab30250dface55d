import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { ByteTail } from "../../src/bytes";

interface ChildEnd {
  /** What lubdub run exits with: the child's code, 128+n for signal n (as a shell reports it), 127/126 if it could not start. */
  exitCode: number;
  /** Why it ended, when not by exiting: the signal's name, or why it could not start. */
  note: string | null;
  /** Why it could not start, as a shell says it on stderr (`/no/such/command: command not found`). */
  startFailure: string | null;
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
      resolve(endOf(file, code, signal, startError));
    });
  });
}

/** A shell's words and exit codes for a command it cannot run: 127 not found, 126 found but not runnable. */
function startFailureOf(file: string, err: NodeJS.ErrnoException): { exitCode: number; reason: string } {
  if (err.code === "ENOENT") return { exitCode: 127, reason: `${file}: command not found` };
  if (err.code === "EACCES") return { exitCode: 126, reason: `${file}: permission denied` };
  return { exitCode: 126, reason: `${file}: ${err.message}` };
}

function endOf(file: string, code: number | null, signal: NodeJS.Signals | null, startError: NodeJS.ErrnoException | null): ChildEnd {
  if (startError) {
    const { exitCode, reason } = startFailureOf(file, startError);
    return { exitCode, note: `could not start: ${reason}`, startFailure: reason };
  }
  if (signal) return { exitCode: 128 + (constants.signals[signal] ?? 0), note: `killed by ${signal}`, startFailure: null };
  return { exitCode: code ?? 1, note: null, startFailure: null };
}
