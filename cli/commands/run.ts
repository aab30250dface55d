import { randomUUID } from "node:crypto";
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { ByteTail } from "../../src/bytes";
import type { CliContext } from "../context";
import { UsageError } from "../errors";
import { formatError } from "../output";
import { DEFAULT_PING_BUDGET_MS, type PingOutcome, pingUrl, resolvePingUrl, sendPing } from "../pinger";
import { runChild } from "../run/child";

/** The body of the end ping: the last 10 KB of the combined output, as runitor sends. */
const TAIL_BYTES = 10 * 1024;

/**
 * `lubdub run <ping-url|slug> -- <command...>`, the cron wrapper: /start?rid=, the command, then
 * /<exit code>?rid= with the output's tail. lubdub being away never changes what the command does or returns.
 */
export function registerRun(program: CommandUnknownOpts, context: CliContext): void {
  program
    .command("run <target> <command...>")
    .usage("<ping-url|slug> [--ping-timeout <s>] -- <command...>")
    .description("run a command (cron wrapper): ping /start, run it, ping its exit code with the last 10 KB of output")
    .option(
      "--ping-timeout <seconds>",
      "how long a ping may take, retries included; also the most the run waits for lubdub after the command",
      (value: string) => {
        const seconds = Number(value);
        if (!(seconds > 0)) throw new UsageError(`--ping-timeout must be a positive number of seconds: ${value}`);
        return seconds * 1000;
      },
    )
    .action(async (target, command, flags) => {
      const warn = (text: string) => context.warn(`lubdub run: ${text}`);
      const send = (url: URL, body: Uint8Array | undefined, deadline: number) => sendPing(url, body, deadline, context.io.fetch);
      const budget = flags.pingTimeout ?? DEFAULT_PING_BUDGET_MS;
      const rid = randomUUID();
      // Resolved and sent while the command already runs: a slow or absent lubdub delays nothing before it.
      const base = withinBudget(resolvePingUrl(context, target), budget).catch((err: unknown) => {
        warn(`no pings: ${formatError(err).replace(/^error: /, "")}`);
        return null;
      });
      const started = base.then((url) =>
        url ? report(`start ping to ${target}`, send(pingUrl(url, "/start", rid), undefined, Date.now() + budget), warn) : null,
      );
      const tail = new ByteTail(TAIL_BYTES);
      const end = await runChild(command, tail);
      // Said at once, as a shell says it: cron mails what the job printed, and the command printed nothing.
      if (end.startFailure) context.warn(`lubdub: ${end.startFailure}`);
      // One budget after the command ends, for the start ping still retrying (if so) and the end ping: cron
      // waits at most `budget` for lubdub.
      const deadline = Date.now() + budget;
      await started;
      const url = await base;
      if (url) {
        const note = end.note ? `\n[lubdub run: ${end.note}, exit code ${end.exitCode}]\n` : "";
        const body = Buffer.concat([tail.bytes(), Buffer.from(note)]);
        await report(`end ping to ${target}`, send(pingUrl(url, `/${end.exitCode}`, rid), body, deadline), warn);
      }
      context.exitCode = end.exitCode;
    });
}

/** A slug's ping URL needs an API call (the ping key): bounded like a ping, so a server that hangs cannot hold the job's end. */
function withinBudget<T>(promise: Promise<T>, budgetMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${budgetMs / 1000} s`)), budgetMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function report(which: string, ping: Promise<PingOutcome>, warn: (text: string) => void): Promise<void> {
  const outcome = await ping;
  if (!outcome.ok) warn(`${which} not delivered (${outcome.status ?? "no answer"} ${outcome.reason})`.trimEnd());
}
