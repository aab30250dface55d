#!/usr/bin/env node
// worker-configuration.d.ts must be exactly what plain `wrangler types` produces: `wrangler dev` compares the
// two on every start (and tells the user to run `wrangler types` when they differ), and a developer who runs
// it must not change the file. `npm run types` (--write) regenerates it; `npm test` (no flag) checks it.
// Nothing it depends on is local: ADMIN_TOKEN is declared in wrangler.toml's [secrets], not read from .dev.vars.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const target = "worker-configuration.d.ts";
// Generated next to the real file, so the relative imports inside come out the same (one per process, as
// several checks may run at once in one working tree).
const fresh = `.worker-configuration.${process.pid}.d.ts`;
const write = process.argv.includes("--write");
if (!write && !existsSync(target)) {
  console.error(`${target} is missing: run \`npm run types\` and commit it.`);
  process.exit(1);
}
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_DISABLE_EXPERIMENTAL_WARNING: "true", // wrangler.toml's [secrets]
};

/**
 * What `wrangler types` writes today, or null (with wrangler's output printed) when it fails. wrangler reuses
 * the runtime types already in its output file when their header (workerd version, compatibility date and
 * flags) matches: the check starts from the committed file, exactly as a developer's `wrangler types` does
 * (and takes a second instead of starting workerd; a hand edit inside the runtime types goes unnoticed, by
 * wrangler too); --write starts from nothing, for a full generation.
 */
function generate() {
  if (write) rmSync(fresh, { force: true });
  else copyFileSync(target, fresh);
  const result = spawnSync("node_modules/.bin/wrangler", ["types", fresh], { encoding: "utf8", env });
  try {
    if (result.status !== 0) {
      console.error(`${result.stdout ?? ""}${result.stderr ?? ""}${result.error ?? ""}`);
      return null;
    }
    // The header names the command that made the file: make it the plain one.
    return readFileSync(fresh, "utf8").replace(`\`wrangler types ${fresh}\``, "`wrangler types`");
  } finally {
    rmSync(fresh, { force: true });
  }
}

const expected = generate();
if (expected === null) process.exit(1);
if (write) {
  writeFileSync(target, expected);
  console.log(`${target} written (commit it)`);
} else if (readFileSync(target, "utf8") !== expected) {
  console.error(`${target} is out of date: run \`npm run types\` and commit it.`);
  process.exit(1);
} else {
  console.log(`${target} is up to date`);
}
