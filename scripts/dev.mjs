#!/usr/bin/env node
// @ts-check
// `npm run dev [-- <wrangler dev flags>]`: apply D1 migrations locally, make sure an admin token exists,
// then run `wrangler dev` (address and port come from wrangler.toml's [dev], so --port can be passed).
// It prints one line per migration applied and a short banner (scripts/dev-output.mjs); wrangler's errors
// and warnings (stderr) always pass through as they are, and its full output when a step fails.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { bannerLines, cronNoteFilter, devOutputFilter, migrationLines } from "./dev-output.mjs";

const args = process.argv.slice(2);
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true", // the banner also asks the npm registry for a newer wrangler
  WRANGLER_DISABLE_EXPERIMENTAL_WARNING: "true", // wrangler.toml's [secrets] (see there) is marked experimental
  XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? ".wrangler/config",
  CI: "true", // `d1 migrations apply` otherwise stops at a Y/n prompt
};

/** The value of `--name value` or `--name=value` among the arguments, if given. @param {string} name */
function argValue(name) {
  const index = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (index < 0) return undefined;
  const arg = args[index] ?? "";
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[index + 1];
}

function ensureAdminToken() {
  const existing = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
  const match = /^ADMIN_TOKEN=(.+)$/m.exec(existing);
  if (match?.[1]) return { token: match[1].trim(), created: false };
  const token = randomBytes(24).toString("base64url");
  writeFileSync(".dev.vars", `${existing}${existing && !existing.endsWith("\n") ? "\n" : ""}ADMIN_TOKEN=${token}\n`, { mode: 0o600 });
  return { token, created: true };
}

/** How the banner shows the admin token. `--var ADMIN_TOKEN:x` wins over .dev.vars: say so, or the token in .dev.vars would just stop working (401). */
function tokenLine() {
  const { token, created } = ensureAdminToken();
  const fromFlag = args.find((a) => a.startsWith("ADMIN_TOKEN:"));
  if (fromFlag) return `${fromFlag.slice("ADMIN_TOKEN:".length)} (given with --var for this run; the one in .dev.vars is refused)`;
  return `${token} (${created ? "new, saved in .dev.vars" : "ADMIN_TOKEN in .dev.vars"})`;
}

const persistTo = argValue("--persist-to");
const persist = persistTo ? ["--persist-to", persistTo] : [];
const wrangler = "node_modules/.bin/wrangler";

// Its tables go to stdout (summed up below); its errors and warnings to stderr, shown as they come.
const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", ...persist], {
  env,
  encoding: "utf8",
  stdio: ["inherit", "pipe", "inherit"],
});
const applied = migrate.status === 0 ? migrationLines(migrate.stdout) : null;
if (applied === null) process.stdout.write(migrate.stdout ?? ""); // failed, or not understood: all of it
if (migrate.status !== 0) {
  console.error(`npm run dev: applying the D1 migrations failed${migrate.error ? ` (${migrate.error.message})` : ""}; see above.`);
  process.exit(migrate.status ?? 1);
}
for (const line of applied ?? []) console.log(line);

const token = tokenLine();

// Local receivers live on http://127.0.0.1, so allow plain-http webhooks unless told otherwise.
const insecure = args.some((a) => a.startsWith("ALLOW_INSECURE_WEBHOOKS:")) ? [] : ["--var", "ALLOW_INSECURE_WEBHOOKS:true"];
// workerd implements no jurisdictions (it throws "Jurisdiction restrictions are not implemented in workerd"),
// so a JURISDICTION set in wrangler.toml for Cloudflare is left out locally (src/do/stub.ts).
const noJurisdiction = args.some((a) => a.startsWith("JURISDICTION:")) ? [] : ["--var", "JURISDICTION:"];
// Locally every monitor's object keeps its SQLite files open (database, -wal, -shm) while it is in use
// (until ~10 s after its last request), so the open-file limit caps how many monitors can be busy at
// once: raise the soft limit to the hard one for wrangler, and say so when it stays low.
const RAISE_NOFILE = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 10240 2>/dev/null';
const unix = process.platform !== "win32";
const nofile = unix ? Number(spawnSync("sh", ["-c", `${RAISE_NOFILE}; ulimit -n`], { encoding: "utf8" }).stdout) : Number.NaN;
if (nofile < 4096) {
  const objects = Math.floor((nofile - 100) / 3);
  console.warn(`Open-file limit ${nofile}: about ${objects} monitors can be busy at once locally (raise the hard limit: ulimit -Hn).`);
}

// Below `info` wrangler does not say when it is ready: the banner then comes first, with the address asked for.
const quiet = ["warn", "error", "none"].includes(argValue("--log-level") ?? "info");
const banner = (/** @type {string} */ url) => bannerLines(url, token);
console.log("Starting wrangler dev...");
if (quiet) for (const line of banner(`http://${argValue("--ip") ?? "127.0.0.1"}:${argValue("--port") ?? "8787"}`)) console.log(line);

const [file, prefix] = unix ? ["sh", ["-c", `${RAISE_NOFILE}; exec "$0" "$@"`, wrangler]] : [wrangler, []];
// Its stdout comes through a pipe (filtered): keep its colours when ours is a terminal.
const colour = process.stdout.isTTY && process.env.FORCE_COLOR === undefined ? { FORCE_COLOR: "1" } : {};
const child = spawn(file, [...prefix, "dev", ...insecure, ...noJurisdiction, ...args], {
  env: { ...env, CI: process.env.CI ?? "", ...colour },
  stdio: ["inherit", "pipe", "pipe"],
});
const filter = devOutputFilter(quiet ? () => [] : banner);
createInterface({ input: child.stdout }).on("line", (line) => {
  for (const out of filter(line)) console.log(out);
});
// Its errors and warnings all show, but for the note that the Cron Trigger does not fire locally.
const keepError = cronNoteFilter();
createInterface({ input: child.stderr }).on("line", (line) => {
  if (keepError(line)) console.error(line);
});
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.on(signal, () => child.kill(signal));
child.on("close", (code, signal) => process.exit(code ?? (signal ? 1 : 0))); // once its output is all printed
