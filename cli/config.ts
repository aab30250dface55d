import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { UsageError } from "./errors";

/** What `lubdub login` keeps. The key is a bearer: the file is written with mode 0600 in a 0700 folder. */
interface StoredConfig {
  url?: string;
  key?: string;
  team?: string;
}

/** Where a connection comes from, strongest first: flags, then LUBDUB_URL/LUBDUB_API_KEY/LUBDUB_TEAM, then the file. */
interface ConnectionFlags {
  url?: string;
  key?: string;
  team?: string;
}

export interface Connection {
  url: string;
  key: string | null;
  team: string | null;
}

/** $XDG_CONFIG_HOME/lubdub/config.json, else ~/.config/lubdub/config.json. */
export function configPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(base, "lubdub", "config.json");
}

export function readConfig(path: string): StoredConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null) return {};
    const { url, key, team } = parsed as Record<string, unknown>;
    return { url: asString(url), key: asString(key), team: asString(team) };
  } catch {
    throw new UsageError(`${path} is not valid JSON: fix it or run \`lubdub login\` again`);
  }
}

const asString = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

export function writeConfig(config: StoredConfig, path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only to a new file: an existing one keeps its mode unless it is set again.
  chmodSync(path, 0o600);
}

/** localhost, 127.x.x.x, [::1]: a dev server, which speaks plain http. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?(\/|$)/i;

/**
 * The server's URL, checked: it must name its scheme, since `127.0.0.1:8787` is no URL and `localhost:8787`
 * parses as one with the scheme `localhost:`. The hint guesses http:// for a loopback address, https:// else.
 */
export function serverUrl(url: string): string {
  if (!/^https?:\/\//i.test(url)) {
    const guess = `${LOOPBACK.test(url) ? "http" : "https"}://${url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")}`;
    throw new UsageError(`the lubdub URL must start with http:// or https://: ${url} (did you mean ${guess}?)`);
  }
  if (!URL.canParse(url)) throw new UsageError(`not a URL: ${url}`);
  return url.replace(/\/+$/, "");
}

export function resolveConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv, stored: StoredConfig): Connection {
  const url = flags.url ?? asString(env.LUBDUB_URL) ?? stored.url;
  if (!url) throw new UsageError("no lubdub URL: pass --url, set LUBDUB_URL, or run `lubdub login`");
  return {
    url: serverUrl(url),
    key: flags.key ?? asString(env.LUBDUB_API_KEY) ?? stored.key ?? null,
    team: flags.team ?? asString(env.LUBDUB_TEAM) ?? stored.team ?? null,
  };
}
