import { Command, CommanderError } from "@commander-js/extra-typings";
import { commandGroups } from "./commands/index";
import { CliContext } from "./context";
import { ApiError, ExitCode, UnreachableError, UsageError } from "./errors";
import { type CliIo, processIo } from "./io";
import { formatError } from "./output";

const VERSION = "0.1.0";

/** The program and its global options, given before or after the command: `lubdub --json monitors list`, `lubdub monitors list --json`. */
function newProgram(io: CliIo) {
  return (
    new Command("lubdub")
      .description(
        "Manage and ping lubdub, the heartbeat monitor. Exit codes: 0 ok, 1 API error, 2 usage error, 3 unreachable, 70 internal error (a bug).",
      )
      .version(VERSION)
      .option("--url <url>", "lubdub's base URL (default: $LUBDUB_URL, then `lubdub login`)")
      .option("--key <key>", "API key: the ADMIN_TOKEN or a team key lbd_... (default: $LUBDUB_API_KEY, then `lubdub login`)")
      .option("--team <id>", "act on this team (super-admin only): the X-Lubdub-Team header (default: $LUBDUB_TEAM)")
      .option("--json", "print the API's JSON as is, for scripts")
      .showHelpAfterError("(run with --help for usage)")
      // Set before the commands are added, which copy them: the help and commander's errors go to the io's writers.
      .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
      // Commander exits by itself (code 1) on a usage error: it throws instead, and runLubdub maps it to 2.
      .exitOverride()
  );
}

export type GlobalOptions = ReturnType<ReturnType<typeof newProgram>["opts"]>;

export function buildProgram(io: CliIo = processIo(), argv: readonly string[] = process.argv) {
  const program = newProgram(io);
  const context = new CliContext(() => program.opts(), io, argv[1]);
  for (const register of commandGroups) register(program, context);
  return { program, context };
}

/**
 * Runs one command line (`process.argv`'s shape: node, the script, then the arguments) and resolves to the
 * exit code; errors are printed on `io.stderr`. Tests run commands in-process with their own writers, env and fetch.
 */
export async function runLubdub(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const fullIo = { ...processIo(), ...io };
  const { program, context } = buildProgram(fullIo, argv);
  try {
    await program.parseAsync([...argv]);
    return context.exitCode;
  } catch (err) {
    return exitCodeFor(err, fullIo);
  }
}

/** `lubdub` itself (bin/lubdub.mjs): the process's streams, environment and fetch. */
export const main = (argv: string[]): Promise<number> => runLubdub(argv);

function exitCodeFor(err: unknown, io: CliIo): number {
  // Commander has printed its message (or the help) already; asked-for help and --version are not errors.
  if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (err instanceof UsageError || err instanceof UnreachableError || err instanceof ApiError) {
    io.stderr.write(`${formatError(err)}\n`);
    if (err instanceof UsageError) return ExitCode.usage;
    return err instanceof UnreachableError ? ExitCode.unreachable : ExitCode.api;
  }
  // Anything else is lubdub's own fault, not the API's: said so, with the stack to report it.
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  io.stderr.write(`error: internal error in lubdub (please report it): ${detail}\n`);
  return ExitCode.internal;
}
