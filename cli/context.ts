import type { Command } from "commander";
import { createLubdubClient, type LubdubClient } from "./api-client";
import { type Connection, type ConnectionFlags, resolveConnection } from "./config";
import { type ExitCode, UsageError } from "./errors";
import { Output } from "./output";

/** The global options (cli/main.ts), given before or after the command: `lubdub --json monitors list`, `lubdub monitors list --json`. */
export interface GlobalOptions extends ConnectionFlags {
  json?: boolean;
}

/**
 * What a command's action gets besides its own arguments. Everything is read lazily, at action time, when
 * the global options are parsed: `lubdub login` needs no URL yet, `lubdub run` must not fail before its command runs.
 */
export class CliContext {
  private outputMemo: Output | undefined;
  private clientMemo: LubdubClient | undefined;
  /** What the process exits with when the action returns normally (`lubdub run`: the command's exit code). */
  exitCode: number = 0 satisfies ExitCode;

  constructor(private readonly program: Command) {}

  get options(): GlobalOptions {
    return this.program.opts<GlobalOptions>();
  }

  get output(): Output {
    this.outputMemo ??= new Output(this.options.json === true);
    return this.outputMemo;
  }

  /** Flags, then LUBDUB_URL / LUBDUB_API_KEY / LUBDUB_TEAM, then the config file. Throws UsageError without a URL. */
  connection(): Connection {
    const { url, key, team } = this.options;
    return resolveConnection({ url, key, team });
  }

  /** The API client, with the key required (every admin route needs one). */
  client(): LubdubClient {
    if (!this.clientMemo) {
      const connection = this.connection();
      if (!connection.key) throw new UsageError("no API key: pass --key, set LUBDUB_API_KEY, or run `lubdub login`");
      this.clientMemo = createLubdubClient(connection);
    }
    return this.clientMemo;
  }
}
