import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { CliContext } from "../context";
import { ExitCode, UsageError } from "../errors";
import { readArgument } from "../input";
import { DEFAULT_PING_BUDGET_MS, pingUrl, resolvePingUrl, sendPing } from "../pinger";

/** Which ping: at most one of --start, --fail, --log, --exit N; none is a success. */
function suffixOf(flags: { start?: true; fail?: true; log?: true; exit?: number }): string {
  const chosen = [flags.start && "/start", flags.fail && "/fail", flags.log && "/log", flags.exit !== undefined && `/${flags.exit}`].filter(
    (suffix): suffix is string => typeof suffix === "string",
  );
  if (chosen.length > 1) throw new UsageError("give at most one of --start, --fail, --log, --exit");
  return chosen[0] ?? "";
}

/** Checked here, so a wrong one is a usage error in a line, not the server's 400 envelope as raw JSON. */
function exitCodeValue(value: string): number {
  const code = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(code >= 0 && code <= 255)) throw new UsageError(`--exit must be an exit code from 0 to 255: ${value}`);
  return code;
}

export function registerPing(program: CommandUnknownOpts, context: CliContext): void {
  program
    .command("ping <target>")
    .description("ping a monitor by its ping URL or by slug (/ping/<ping_key>/<slug>); retried for up to 10 s")
    .option("--start", "the job began")
    .option("--fail", "the job failed")
    .option("--log", "keep the body in the log, change nothing")
    .option("--exit <code>", "the job's exit code (0 success, 1-255 failure)", exitCodeValue)
    .option("--body <text|@file|->", "the ping's body: text, @file, or - for standard input")
    .option("--rid <uuid>", "the run id pairing a start with its end")
    .action(async (target, flags) => {
      const suffix = suffixOf(flags);
      const body = flags.body === undefined ? undefined : readArgument(flags.body, context.io.readStdin);
      const url = pingUrl(await resolvePingUrl(context, target), suffix, flags.rid);
      const outcome = await sendPing(url, body, Date.now() + DEFAULT_PING_BUDGET_MS, context.io.fetch);
      if (outcome.ok) {
        context.output.result({ ok: true, status: outcome.status }, () => context.output.line(outcome.text || "OK"));
        return;
      }
      // Named as the user gave it: a crontab with several `lubdub ping` lines tells which one failed.
      context.warn(`error: ping ${target} not accepted: ${outcome.status ?? "no answer"} ${outcome.reason}`);
      context.exitCode = outcome.status === null ? ExitCode.unreachable : ExitCode.api;
    });
}
