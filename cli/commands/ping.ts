import type { Command } from "commander";
import type { CliContext } from "../context";
import { ExitCode, UsageError } from "../errors";
import { integerValue, readArgument } from "../input";
import { DEFAULT_PING_BUDGET_MS, pingUrl, resolvePingUrl, sendPing } from "../pinger";

interface PingFlags {
  start?: boolean;
  fail?: boolean;
  log?: boolean;
  exit?: number;
  body?: string;
  rid?: string;
}

/** Which ping: at most one of --start, --fail, --log, --exit N; none is a success. */
function suffixOf(flags: PingFlags): string {
  const chosen = [flags.start && "/start", flags.fail && "/fail", flags.log && "/log", flags.exit !== undefined && `/${flags.exit}`].filter(
    (suffix): suffix is string => typeof suffix === "string",
  );
  if (chosen.length > 1) throw new UsageError("give at most one of --start, --fail, --log, --exit");
  return chosen[0] ?? "";
}

export function registerPing(program: Command, context: CliContext): void {
  program
    .command("ping <target>")
    .description("ping a monitor by its ping URL or by slug (/ping/<ping_key>/<slug>); retried for up to 10 s")
    .option("--start", "the job began")
    .option("--fail", "the job failed")
    .option("--log", "keep the body in the log, change nothing")
    .option("--exit <code>", "the job's exit code (0 success, 1-255 failure)", integerValue)
    .option("--body <text|@file|->", "the ping's body: text, @file, or - for standard input")
    .option("--rid <uuid>", "the run id pairing a start with its end")
    .action(async (target: string, flags: PingFlags) => {
      const suffix = suffixOf(flags);
      const body = flags.body === undefined ? undefined : readArgument(flags.body);
      const url = pingUrl(await resolvePingUrl(context, target), suffix, flags.rid);
      const outcome = await sendPing(url, body, Date.now() + DEFAULT_PING_BUDGET_MS);
      if (outcome.ok) {
        context.output.result({ ok: true, status: outcome.status }, () => context.output.line(outcome.text || "OK"));
        return;
      }
      process.stderr.write(`error: ping not accepted: ${outcome.status ?? "no answer"} ${outcome.reason}\n`);
      context.exitCode = outcome.status === null ? ExitCode.unreachable : ExitCode.api;
    });
}
