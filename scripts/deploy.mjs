#!/usr/bin/env node
// @ts-check
// `npm run deploy`: the first deploy and every update, with only `wrangler login` done. It sets the ADMIN_TOKEN
// secret when the Worker has none (printed once), applies the D1 migrations, deploys, and prints the URL.
// Running it again deploys the update and changes nothing else. scripts/deploy-steps.mjs holds the steps.
//
// The D1 database is made by wrangler's automatic provisioning: wrangler.toml names it but holds no
// database_id, so `wrangler deploy` connects the binding to the account's database of that name, creating it
// the first time. wrangler 4.86's `d1 migrations apply --remote` still wants the id from a config file, so
// the migrations run with a config of their own (.wrangler/deploy/wrangler.json) carrying the id looked up
// with `wrangler d1 list`: wrangler.toml stays as it was cloned. Migrations run before the deploy (every
// migration is readable by the previous release); only on the very first run, when no database exists yet,
// the deploy (which creates it) comes first, and the new Worker answers 503 for the few seconds until they
// are applied.
//
// LUBDUB_WRANGLER names the wrangler to run (the tests' stand-in); default: the project's own.
import { deployOnce } from "./deploy-steps.mjs";

try {
  await deployOnce(process.env.LUBDUB_WRANGLER ?? "node_modules/.bin/wrangler", (line) => process.stdout.write(`${line}\n`));
} catch (error) {
  process.stderr.write(`\nnpm run deploy stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
