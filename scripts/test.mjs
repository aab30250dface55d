#!/usr/bin/env node
// `npm test [-- <vitest args>]`: type checks, lint, then the whole suite, ending with exactly one line
// `N passed, N failed` (CI reads it). A failed check step counts as one failed test. Output of every
// step is streamed; the summary is printed only after every process, workerd included, has let go
// of stdout/stderr, so nothing can print after it.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? ".wrangler/config",
};

function run(command, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(process.stdout, { end: false });
    child.stderr.pipe(process.stderr, { end: false });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

const failedChecks = [];
for (const script of ["typecheck", "lint", "check:bundle"]) {
  if ((await run("npm", ["run", "--silent", script])) !== 0) failedChecks.push(script);
}

const folder = mkdtempSync(join(tmpdir(), "lubdub-test-"));
const summaryFile = join(folder, "summary.json");
const vitestCode = await run("node_modules/.bin/vitest", ["run", ...process.argv.slice(2)], { LUBDUB_SUMMARY_FILE: summaryFile });
let counts = { passed: 0, failed: 1 };
try {
  counts = JSON.parse(readFileSync(summaryFile, "utf8"));
} catch {
  failedChecks.push("vitest (no summary: it crashed before the end)");
}
rmSync(folder, { recursive: true, force: true });

const failed = counts.failed + failedChecks.length;
if (failedChecks.length > 0) process.stdout.write(`\nfailed checks: ${failedChecks.join(", ")}\n`);
process.stdout.write(`\n${counts.passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || vitestCode !== 0 ? 1 : 0);
