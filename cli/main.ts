import { Command, CommanderError } from "commander";
import { commandGroups } from "./commands/index";
import { CliContext } from "./context";
import { ApiError, ExitCode, UnreachableError, UsageError } from "./errors";
import { formatError } from "./output";

const VERSION = "0.1.0";

export function buildProgram(): { program: Command; context: CliContext } {
  const program = new Command("lubdub")
    .description("Manage and ping lubdub, the heartbeat monitor. Exit codes: 0 ok, 1 API error, 2 usage error, 3 unreachable.")
    .version(VERSION)
    .option("--url <url>", "lubdub's base URL (default: $LUBDUB_URL, then `lubdub login`)")
    .option("--key <key>", "API key: the ADMIN_TOKEN or a team key lbd_... (default: $LUBDUB_API_KEY, then `lubdub login`)")
    .option("--team <id>", "act on this team (super-admin only): the X-Lubdub-Team header (default: $LUBDUB_TEAM)")
    .option("--json", "print the API's JSON as is, for scripts")
    .showHelpAfterError("(run with --help for usage)")
    // Commander exits by itself (code 1) on a usage error: it throws instead, and main() maps it to 2.
    .exitOverride();
  const context = new CliContext(program);
  for (const register of commandGroups) register(program, context);
  return { program, context };
}

/** Runs one command line (`process.argv`) and resolves to the exit code; errors are printed on stderr. */
export async function main(argv: string[]): Promise<number> {
  const { program, context } = buildProgram();
  try {
    await program.parseAsync(argv);
    return context.exitCode;
  } catch (err) {
    return exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  // Commander has printed its message (or the help) already; asked-for help and --version are not errors.
  if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  process.stderr.write(`${formatError(err)}\n`);
  if (err instanceof UsageError) return ExitCode.usage;
  if (err instanceof UnreachableError) return ExitCode.unreachable;
  if (err instanceof ApiError) return ExitCode.api;
  return ExitCode.api;
}
