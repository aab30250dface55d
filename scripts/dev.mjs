#!/usr/bin/env node
// `npm run dev [-- <wrangler dev flags>]`: apply D1 migrations locally, make sure an admin token exists,
// then run `wrangler dev` (address and port come from wrangler.toml's [dev], so --port can be passed).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

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

function ensureAdminToken() {
  const existing = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
  const match = /^ADMIN_TOKEN=(.+)$/m.exec(existing);
  if (match) return { token: match[1].trim(), created: false };
  const token = randomBytes(24).toString("base64url");
  writeFileSync(".dev.vars", `${existing}${existing && !existing.endsWith("\n") ? "\n" : ""}ADMIN_TOKEN=${token}\n`, { mode: 0o600 });
  return { token, created: true };
}

const persistIndex = args.indexOf("--persist-to");
const persist = persistIndex >= 0 ? ["--persist-to", args[persistIndex + 1]] : [];
const wrangler = "node_modules/.bin/wrangler";

const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", ...persist], { env, stdio: "inherit" });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const { token, created } = ensureAdminToken();
const tokenFromFlag = args.some((a) => a.startsWith("ADMIN_TOKEN:"));
if (tokenFromFlag) {
  // `--var` wins over .dev.vars: say so, or the token in .dev.vars would just stop working (401) without a word.
  console.log("\nAdmin token: the one given with --var ADMIN_TOKEN:... (for this run, instead of the one in .dev.vars)\n");
} else {
  console.log(
    created ? `\nCreated .dev.vars with a new admin token:\n  ADMIN_TOKEN=${token}\n` : "\nAdmin token: see ADMIN_TOKEN in .dev.vars\n",
  );
}

// Local receivers live on http://127.0.0.1, so allow plain-http webhooks unless told otherwise.
const insecure = args.some((a) => a.startsWith("ALLOW_INSECURE_WEBHOOKS:")) ? [] : ["--var", "ALLOW_INSECURE_WEBHOOKS:true"];
// Locally every monitor's object keeps its SQLite files open (database, -wal, -shm) while it is in use
// (until ~10 s after its last request), so the open-file limit caps how many monitors can be busy at
// once: raise the soft limit to the hard one for wrangler, and say so when it stays low.
const RAISE_NOFILE = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 10240 2>/dev/null';
const unix = process.platform !== "win32";
const nofile = unix ? Number(spawnSync("sh", ["-c", `${RAISE_NOFILE}; ulimit -n`], { encoding: "utf8" }).stdout) : Number.NaN;
if (nofile < 4096) {
  const objects = Math.floor((nofile - 100) / 3);
  console.warn(`Open-file limit ${nofile}: about ${objects} monitors can be busy at once locally (raise the hard limit: ulimit -Hn).\n`);
}
const [file, prefix] = unix ? ["sh", ["-c", `${RAISE_NOFILE}; exec "$0" "$@"`, wrangler]] : [wrangler, []];
const child = spawn(file, [...prefix, "dev", ...insecure, ...args], { env: { ...env, CI: process.env.CI ?? "" }, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
