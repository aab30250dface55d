// @ts-check
// The steps of `npm run deploy` (scripts/deploy.mjs says why they are in this order). Every wrangler run
// that fails stops the deploy with wrangler's own message.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { jurisdictionOf, readJurisdiction, refuseJurisdictionChange } from "./deploy-jurisdiction.mjs";

const DEPLOY_CONFIG_DIR = ".wrangler/deploy";
const env = {
  ...process.env,
  WRANGLER_HIDE_BANNER: "true",
  WRANGLER_DISABLE_EXPERIMENTAL_WARNING: "true", // wrangler.toml's [secrets] is marked experimental
  CI: "true", // no Y/n prompts: `d1 migrations apply` would stop at one
};

/**
 * One wrangler run. Its output is shown as it comes when `show` is set (deploy, migrations), kept otherwise
 * (JSON answers); on failure the kept output is shown and the step stops the deploy.
 * @param {string} wrangler @param {string[]} args @param {{ input?: string, show?: boolean, failureOk?: boolean }} options
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
function runWrangler(wrangler, args, { input, show = false, failureOk = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(wrangler, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (show) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      if (show) process.stderr.write(chunk);
    });
    child.stdin.end(input ?? "");
    child.on("error", (error) => reject(new Error(`could not run ${wrangler}: ${error.message}`)));
    child.on("close", (code) => {
      const result = { code: code ?? 1, stdout, stderr };
      if (result.code === 0 || failureOk) return resolve(result);
      if (!show) process.stderr.write(`${stdout}${stderr}`);
      reject(new Error(`\`wrangler ${args.join(" ")}\` failed (exit code ${result.code}); wrangler's message is above.`));
    });
  });
}

/** The JSON value wrangler printed (after any log line it printed first). @param {string} output */
function jsonIn(output) {
  const start = output.search(/^[[{]/m);
  if (start < 0) throw new Error(`wrangler printed no JSON: ${output.trim()}`);
  return JSON.parse(output.slice(start));
}

/** The Worker's name and its D1 database's from wrangler.toml (and the id, if someone pinned one there). */
export function readWranglerToml(text = readFileSync("wrangler.toml", "utf8")) {
  const worker = /^name\s*=\s*"([^"]+)"/m.exec(text)?.[1];
  const d1 = text.slice(text.indexOf("[[d1_databases]]"));
  const database = /^database_name\s*=\s*"([^"]+)"/m.exec(d1)?.[1];
  const binding = /^binding\s*=\s*"([^"]+)"/m.exec(d1)?.[1];
  if (!worker || !database || !binding) throw new Error("wrangler.toml needs name and a [[d1_databases]] binding with database_name");
  const migrationsDir = /^migrations_dir\s*=\s*"([^"]+)"/m.exec(d1)?.[1] ?? "migrations";
  const pinnedId = /^database_id\s*=\s*"([^"]+)"/m.exec(d1)?.[1];
  return { worker, database, binding, migrationsDir, pinnedId, jurisdiction: readJurisdiction(text) };
}

/** The new admin token, or undefined when the Worker already has one (it is never read back). @param {string} wrangler @param {string} worker */
async function ensureAdminToken(wrangler, worker) {
  const list = await runWrangler(wrangler, ["secret", "list", "--format", "json"], { failureOk: true });
  const noWorkerYet = list.code !== 0 && /Worker "[^"]*" not found/.test(list.stderr + list.stdout);
  if (list.code !== 0 && !noWorkerYet) {
    process.stderr.write(`${list.stdout}${list.stderr}`);
    throw new Error(`\`wrangler secret list\` failed (exit code ${list.code}); wrangler's message is above.`);
  }
  /** @type {{ name: string }[]} */
  const secrets = noWorkerYet ? [] : jsonIn(list.stdout);
  if (secrets.some((secret) => secret.name === "ADMIN_TOKEN")) return undefined;
  const token = randomBytes(32).toString("base64url");
  // Through stdin, so the token is never in a process list; on a new account this also creates the Worker.
  await runWrangler(wrangler, ["secret", "put", "ADMIN_TOKEN", "--name", worker], { input: token });
  return token;
}

/**
 * The account's D1 database: the one pinned by id, else the one of that name, if it exists.
 * @param {string} wrangler @param {ReturnType<typeof readWranglerToml>} toml
 */
async function findDatabase(wrangler, toml) {
  /** @type {{ uuid: string, name: string, jurisdiction?: string | null }[]} */
  const databases = jsonIn((await runWrangler(wrangler, ["d1", "list", "--json"])).stdout);
  return databases.find((database) => (toml.pinnedId ? database.uuid === toml.pinnedId : database.name === toml.database));
}

/** The config `d1` commands run with: the generated one (with the id) unless wrangler.toml pins the id. */
const configArgs = (/** @type {ReturnType<typeof readWranglerToml>} */ toml) =>
  toml.pinnedId ? [] : ["--config", `${DEPLOY_CONFIG_DIR}/wrangler.json`];

/** @param {string} wrangler @param {ReturnType<typeof readWranglerToml>} toml @param {string} databaseId */
async function countMonitors(wrangler, toml, databaseId) {
  writeDeployConfig(toml, databaseId);
  const args = [
    "d1",
    "execute",
    toml.binding,
    "--remote",
    "--json",
    "--command",
    "SELECT COUNT(*) AS monitors FROM monitors",
    ...configArgs(toml),
  ];
  /** @type {{ results: { monitors: number }[] }[]} */
  const answer = jsonIn((await runWrangler(wrangler, args)).stdout);
  return answer[0]?.results[0]?.monitors ?? 0;
}

/**
 * The database, created here when a jurisdiction is set (wrangler's provisioning would create it with none),
 * or checked against the jurisdiction it was created in. Undefined: none yet, `wrangler deploy` provisions it.
 * @param {string} wrangler @param {ReturnType<typeof readWranglerToml>} toml
 */
async function ensureDatabase(wrangler, toml) {
  const existing = await findDatabase(wrangler, toml);
  if (existing) {
    const monitors = () => countMonitors(wrangler, toml, existing.uuid);
    await refuseJurisdictionChange({ configured: toml.jurisdiction, inUse: jurisdictionOf(existing), database: toml.database, monitors });
    return existing.uuid;
  }
  if (toml.pinnedId) throw new Error(`wrangler.toml's database_id ${toml.pinnedId} is not a D1 database of this account`);
  if (toml.jurisdiction === null) return undefined;
  await runWrangler(wrangler, ["d1", "create", toml.database, "--jurisdiction", toml.jurisdiction], { show: true });
  const created = await findDatabase(wrangler, toml);
  if (!created) throw new Error(`wrangler d1 create did not create the D1 database "${toml.database}"`);
  return created.uuid;
}

/** The config with the database's id for the `d1` commands, unless wrangler.toml pins one. @param {ReturnType<typeof readWranglerToml>} toml @param {string} databaseId */
function writeDeployConfig(toml, databaseId) {
  if (toml.pinnedId) return;
  mkdirSync(DEPLOY_CONFIG_DIR, { recursive: true });
  const config = {
    name: toml.worker,
    d1_databases: [
      { binding: toml.binding, database_name: toml.database, database_id: databaseId, migrations_dir: `../../${toml.migrationsDir}` },
    ],
  };
  writeFileSync(`${DEPLOY_CONFIG_DIR}/wrangler.json`, `${JSON.stringify(config, null, 2)}\n`);
}

/** @param {string} wrangler @param {ReturnType<typeof readWranglerToml>} toml @param {string} databaseId */
async function applyMigrations(wrangler, toml, databaseId) {
  writeDeployConfig(toml, databaseId);
  await runWrangler(wrangler, ["d1", "migrations", "apply", toml.binding, "--remote", ...configArgs(toml)], { show: true });
}

/** The Worker's URL from `wrangler deploy`'s output (the first target line), if it printed one. @param {string} output */
export function deployedUrl(output) {
  return /^\s+(https:\/\/\S+)/m.exec(output)?.[1];
}

/** @param {string} wrangler @param {(line: string) => void} say */
export async function deployOnce(wrangler, say) {
  const toml = readWranglerToml();
  // First: a deploy refused for its jurisdiction has changed nothing (the check only reads).
  const existing = await ensureDatabase(wrangler, toml);
  const token = await ensureAdminToken(wrangler, toml.worker);
  if (existing) await applyMigrations(wrangler, toml, existing);
  const deploy = await runWrangler(wrangler, ["deploy"], { show: true });
  if (!existing) {
    const created = await findDatabase(wrangler, toml);
    if (!created) throw new Error(`wrangler deploy did not create the D1 database "${toml.database}"`);
    await applyMigrations(wrangler, toml, created.uuid);
  }
  const url = deployedUrl(deploy.stdout);
  const shown = url ?? "<your Worker's URL>";
  say("");
  say(url ? `lubdub is live at ${url}` : "Deployed (wrangler printed no workers.dev URL: the Worker answers on your routes).");
  if (token) {
    say(`Admin token (shown this once; it is stored as the ADMIN_TOKEN secret): ${token}`);
    say(`Next: npx lubdub login --url ${shown} --key <the admin token above>   # or sign in at ${shown}/app with it`);
  } else {
    say("The ADMIN_TOKEN secret was already set and is unchanged (rotate it with `npx wrangler secret put ADMIN_TOKEN`).");
    say(`Next: open ${shown}/app, or \`npx lubdub monitors list\` with your saved login.`);
  }
}
