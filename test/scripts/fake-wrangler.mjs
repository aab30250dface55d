#!/usr/bin/env node
// A stand-in for wrangler 4.86 that `npm run deploy` runs in the tests (LUBDUB_WRANGLER). It keeps a pretend
// Cloudflare account in FAKE_WRANGLER_STATE (JSON), appends every invocation (args, stdin, the --config file's
// contents) to FAKE_WRANGLER_LOG (one JSON line each), and answers with wrangler 4.86's own output formats.
// state.fail = { "<command words>": "message" } makes that command fail as wrangler does ("✘ [ERROR] ...", exit 1).
// state.monitors: the rows `SELECT COUNT(*) AS monitors FROM monitors` counts (d1 execute), default 0.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";

const statePath = process.env.FAKE_WRANGLER_STATE ?? "";
const state = JSON.parse(readFileSync(statePath, "utf8"));
const args = process.argv.slice(2);
const stdin = process.stdin.isTTY ? "" : readFileSync(0, "utf8");
const configIndex = args.indexOf("--config");
const config = configIndex >= 0 ? JSON.parse(readFileSync(args[configIndex + 1] ?? "", "utf8")) : undefined;
appendFileSync(process.env.FAKE_WRANGLER_LOG ?? "", `${JSON.stringify({ args, stdin, config })}\n`);

const optionsWithValue = new Set(["--format", "--config", "--name", "--jurisdiction", "--command"]);
const words = args.filter((a, i) => !a.startsWith("-") && !optionsWithValue.has(args[i - 1] ?? "")).join(" ");
const failure = Object.entries(state.fail ?? {}).find(([command]) => words.startsWith(command));
if (failure) {
  process.stderr.write(`\n✘ [ERROR] ${failure[1]}\n\n`);
  process.exit(1);
}

const save = () => writeFileSync(statePath, JSON.stringify(state));
const log = (text) => process.stdout.write(`${text}\n`);

if (words === "secret list") {
  if (!state.workerExists) {
    process.stderr.write(
      '\n✘ [ERROR] Worker "lubdub" not found.\n\n  If this is a new Worker, run `wrangler deploy` first to create it.\n  Otherwise, check that the Worker name is correct and you\'re logged into the right account.\n\n',
    );
    process.exit(1);
  }
  log(
    JSON.stringify(
      state.secrets.map((name) => ({ name, type: "secret_text" })),
      null,
      "  ",
    ),
  );
} else if (words === "secret put ADMIN_TOKEN") {
  if (!state.workerExists) log('🌀 Creating new Worker "lubdub"...');
  state.workerExists = true;
  state.secrets.push("ADMIN_TOKEN");
  save();
  log('🌀 Creating the secret for the Worker "lubdub" ');
  log("✨ Success! Uploaded secret ADMIN_TOKEN");
} else if (words === "d1 list") {
  // As Cloudflare's API lists them: a database created without a jurisdiction shows null.
  log(JSON.stringify(state.databases, null, 2));
} else if (words === "d1 create lubdub") {
  const jurisdiction = args[args.indexOf("--jurisdiction") + 1];
  state.databases.push({ uuid: "5ee0d1e0-4c2a-4e1b-9f3d-7a6b5c4d3e2f", name: "lubdub", created_at: "2026-12-05T18:00:00Z", jurisdiction });
  save();
  log(`✅ Successfully created DB 'lubdub' in region ${jurisdiction.toUpperCase()}\nCreated your new D1 database.`);
} else if (words === "d1 execute DB") {
  const sql = args[args.indexOf("--command") + 1];
  if (sql !== "SELECT COUNT(*) AS monitors FROM monitors") {
    process.stderr.write(`fake wrangler: no answer for SQL ${sql}\n`);
    process.exit(2);
  }
  const meta = { served_by: "v3-prod", duration: 0.2, changes: 0, rows_read: state.monitors ?? 0, rows_written: 0 };
  log(JSON.stringify([{ results: [{ monitors: state.monitors ?? 0 }], success: true, meta }], null, 2));
} else if (words === "d1 migrations apply DB") {
  log("Migrations to be applied:\n│ 0001_create_tables.sql │\n🌀 Executing on remote database lubdub:\n✅ Applied 12 migrations.");
} else if (words === "deploy") {
  if (!state.databases.some((database) => database.name === "lubdub")) {
    log('Provisioning DB (D1 Database)...\nResource name found in config: lubdub\n🌀 Creating new D1 Database "lubdub"...');
    state.databases.push({
      uuid: "2f4ac1e0-9d3b-4c55-8a61-0c7f3e1b9a27",
      name: "lubdub",
      created_at: "2026-12-05T18:00:00Z",
      jurisdiction: null,
    });
    log("🎉 All resources provisioned, continuing with deployment...\n");
  }
  state.workerExists = true;
  save();
  log("Total Upload: 1021.54 KiB / gzip: 226.13 KiB\nUploaded lubdub (3.12 sec)\nDeployed lubdub triggers (0.41 sec)");
  log("  https://lubdub.example-account.workers.dev\nCurrent Version ID: 6b1c2d3e-0000-4000-8000-000000000001");
} else {
  process.stderr.write(`fake wrangler: no answer for ${args.join(" ")}\n`);
  process.exit(2);
}
