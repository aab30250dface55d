#!/usr/bin/env node
// @ts-check
// `npm run check:bundle` (a step of `npm test`): builds what `wrangler deploy` would upload (`--dry-run`, no
// account needed) and fails when its gzipped size is over the budget.
//
// The budget: 300 KiB gzipped. Measured 2026-12 with wrangler 4.86: 871 KiB minified, 236 KiB gzipped
// (wrangler's own "Total Upload" line agrees). Cloudflare's limit is 3 MB compressed on the free plan and
// 10 MB on paid ones, so this is far from binding; it is there to catch a dependency or a bundled asset
// that grows the Worker by a quarter without anyone deciding to (the bundle is also parsed on every cold
// start). Raise it on purpose, here, when a change is worth it. LUBDUB_BUNDLE_BUDGET_KIB overrides it (the
// test of this script uses that).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KIB = Number(process.env.LUBDUB_BUNDLE_BUDGET_KIB ?? 300);
const OUTDIR = ".wrangler/dry-run";

rmSync(OUTDIR, { recursive: true, force: true });
const build = spawnSync("node_modules/.bin/wrangler", ["deploy", "--dry-run", "--outdir", OUTDIR], {
  stdio: ["ignore", "pipe", "inherit"],
  encoding: "utf8",
  env: {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_HIDE_BANNER: "true",
    WRANGLER_DISABLE_EXPERIMENTAL_WARNING: "true",
  },
});
if (build.status !== 0) {
  process.stdout.write(build.stdout ?? "");
  process.stderr.write(`check:bundle: \`wrangler deploy --dry-run\` failed (exit code ${build.status}); its message is above.\n`);
  process.exit(1);
}

// What counts against Cloudflare's limit: the modules uploaded, not the source maps beside them.
const modules = readdirSync(OUTDIR).filter((name) => /\.(m?js|wasm)$/.test(name));
const bytes = modules.map((name) => readFileSync(join(OUTDIR, name)));
const rawKiB = bytes.reduce((sum, b) => sum + b.length, 0) / 1024;
const gzipKiB = bytes.reduce((sum, b) => sum + gzipSync(b).length, 0) / 1024;
const summary = `${modules.length} module(s), ${rawKiB.toFixed(1)} KiB, gzipped ${gzipKiB.toFixed(1)} KiB (budget ${BUDGET_KIB} KiB)`;

if (modules.length === 0 || gzipKiB > BUDGET_KIB) {
  process.stderr.write(
    `check:bundle: the Worker's bundle is over its budget: ${summary}. Find what grew (.wrangler/dry-run/index.js.map), or raise the budget in scripts/check-bundle.mjs on purpose.\n`,
  );
  process.exit(1);
}
process.stdout.write(`check:bundle: ${summary}\n`);
