import { createInterface } from "node:readline/promises";
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { createLubdubClient, data } from "../api-client";
import { readConfig, serverUrl, writeConfig } from "../config";
import type { CliContext } from "../context";
import { UsageError, writingFile } from "../errors";

/** `lubdub login`: checks the URL and key with GET /api/v1/me, then keeps them in the config file (0600). */
export function registerLogin(program: CommandUnknownOpts, context: CliContext): void {
  program
    .command("login")
    .description("save the URL and API key (checked against the server) in ~/.config/lubdub/config.json, mode 0600")
    .action(async () => {
      const { env } = context.io;
      const stored = readConfig(context.configPath());
      const url = context.options.url ?? env.LUBDUB_URL ?? stored.url ?? (await ask("lubdub URL: "));
      const key = context.options.key ?? env.LUBDUB_API_KEY ?? (await ask("API key: "));
      if (!url || !key) throw new UsageError("login needs a URL and an API key");
      const connection = { url: serverUrl(url), key, team: context.options.team ?? null };
      const me = await data(createLubdubClient(connection, context.io.fetch).api.GET("/api/v1/me"));
      const config = { url: connection.url, key, ...(connection.team ? { team: connection.team } : {}) };
      writingFile(context.configPath(), () => writeConfig(config, context.configPath()));
      context.output.result(me, () =>
        context.output.line(
          `logged in to ${connection.url} as ${me.kind === "key" ? `key ${me.key?.name}` : "super-admin"} (team ${me.team.name}, scope ${me.scope}); saved in ${context.configPath()}`,
        ),
      );
    });
}

/** Asks on the terminal; without one (a script), there is nobody to ask. */
async function ask(question: string): Promise<string> {
  if (!process.stdin.isTTY)
    throw new UsageError("login needs --url and --key (or LUBDUB_URL and LUBDUB_API_KEY) when not run at a terminal");
  const readline = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await readline.question(question)).trim();
  } finally {
    readline.close();
  }
}
