#!/usr/bin/env node
// Checks that worker-configuration.d.ts matches wrangler.toml. (`wrangler types --check` reads
// .dev.vars even when told to use another env file, so a developer's local secrets would fail it.)
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";

// Generated next to the real file, so the relative imports inside come out the same.
const fresh = ".worker-configuration.check.d.ts";
const args = ["types", fresh, "--include-runtime", "false", "--strict-vars", "false", "--env-file", ".types.env"];
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
const result = spawnSync("node_modules/.bin/wrangler", args, { encoding: "utf8", env });
// The header names the command that generated the file; only the declarations must match.
const body = (file) =>
  readFileSync(file, { encoding: "utf8", flag: "r" })
    .split("\n")
    .filter((line) => !line.startsWith("//"))
    .join("\n");
const upToDate = result.status === 0 && body(fresh) === body("worker-configuration.d.ts");
rmSync(fresh, { force: true });
if (!upToDate) {
  console.error(result.stderr || "worker-configuration.d.ts is out of date: run `npm run types` and commit it.");
  process.exit(1);
}
console.log("worker-configuration.d.ts is up to date");
