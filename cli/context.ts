import { createLubdubClient, type LubdubClient } from "./api-client";
import { type Connection, configPath, readConfig, resolveConnection } from "./config";
import { type ExitCode, UsageError } from "./errors";
import type { CliIo } from "./io";
import type { GlobalOptions } from "./main";
import { colourWanted, Output } from "./output";

/**
 * What a command's action gets besides its own arguments. Everything is read lazily, at action time, when
 * the global options are parsed: `lubdub login` needs no URL yet, `lubdub run` must not fail before its command runs.
 */
export class CliContext {
  private outputMemo: Output | undefined;
  private clientMemo: LubdubClient | undefined;
  /** What the process exits with when the action returns normally (`lubdub run`: the command's exit code). */
  exitCode: number = 0 satisfies ExitCode;

  constructor(
    private readonly globalOptions: () => GlobalOptions,
    /** The streams, environment and fetch every command uses (cli/io.ts). */
    readonly io: CliIo,
    /** The script lubdub runs as (argv[1]): `discover --apply` writes it into the crontab. */
    readonly script: string | undefined,
  ) {}

  get options(): GlobalOptions {
    return this.globalOptions();
  }

  get output(): Output {
    this.outputMemo ??= new Output(this.options.json === true, colourWanted(this.io.stdout, this.io.env), (text) =>
      this.io.stdout.write(text),
    );
    return this.outputMemo;
  }

  /** A line on stderr: notes, warnings, what a person must know besides the result. */
  warn(line: string): void {
    this.io.stderr.write(`${line}\n`);
  }

  /** The config file `lubdub login` writes ($XDG_CONFIG_HOME/lubdub/config.json). */
  configPath(): string {
    return configPath(this.io.env);
  }

  /** Flags, then LUBDUB_URL / LUBDUB_API_KEY / LUBDUB_TEAM, then the config file. Throws UsageError without a URL. */
  connection(): Connection {
    const { url, key, team } = this.options;
    return resolveConnection({ url, key, team }, this.io.env, readConfig(this.configPath()));
  }

  /** The API client, with the key required (every admin route needs one). */
  client(): LubdubClient {
    if (!this.clientMemo) {
      const connection = this.connection();
      if (!connection.key) throw new UsageError("no API key: pass --key, set LUBDUB_API_KEY, or run `lubdub login`");
      this.clientMemo = createLubdubClient(connection, this.io.fetch);
    }
    return this.clientMemo;
  }
}
