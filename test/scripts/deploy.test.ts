import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// `npm run deploy` (scripts/deploy.mjs) against a stand-in wrangler (fake-wrangler.mjs) that records what it
// was asked to do, in a fresh copy of the project's wrangler.toml (no database_id, as cloned).

const root = resolve(import.meta.dirname, "../..");
const fakeWrangler = join(import.meta.dirname, "fake-wrangler.mjs");
let folder = "";

interface Call {
  args: string[];
  stdin: string;
  config?: { d1_databases: { database_id: string; migrations_dir: string }[] };
}

interface Account {
  workerExists: boolean;
  secrets: string[];
  databases: { uuid: string; name: string }[];
  fail?: Record<string, string>;
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "lubdub-deploy-"));
  cpSync(join(root, "wrangler.toml"), join(folder, "wrangler.toml"));
  chmodSync(fakeWrangler, 0o755);
  writeAccount({ workerExists: false, secrets: [], databases: [] });
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function writeAccount(account: Account): void {
  writeFileSync(join(folder, "account.json"), JSON.stringify(account));
}

function deploy() {
  writeFileSync(join(folder, "calls.jsonl"), "");
  const run = spawnSync(process.execPath, [join(root, "scripts/deploy.mjs")], {
    cwd: folder,
    encoding: "utf8",
    env: { ...process.env, LUBDUB_WRANGLER: fakeWrangler, FAKE_WRANGLER_STATE: "account.json", FAKE_WRANGLER_LOG: "calls.jsonl" },
  });
  const lines = readFileSync(join(folder, "calls.jsonl"), "utf8").split("\n").filter(Boolean);
  const calls = lines.map((line) => JSON.parse(line) as Call);
  return { ...run, calls, commands: calls.map((call) => call.args.join(" ")) };
}

describe("npm run deploy", () => {
  it("on a new account: sets a generated admin token once, deploys (D1 provisioned), applies the migrations, prints the URL and token", () => {
    const first = deploy();
    expect(first.status, first.stderr).toBe(0);
    expect(first.commands).toEqual([
      "secret list --format json",
      "secret put ADMIN_TOKEN --name lubdub",
      "d1 list --json",
      "deploy",
      "d1 list --json",
      "d1 migrations apply DB --remote --config .wrangler/deploy/wrangler.json",
    ]);
    const token = first.calls[1]?.stdin ?? "";
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.calls[5]?.config?.d1_databases[0]).toMatchObject({
      database_id: "2f4ac1e0-9d3b-4c55-8a61-0c7f3e1b9a27",
      migrations_dir: "../../migrations",
    });
    expect(first.stdout).toContain("lubdub is live at https://lubdub.example-account.workers.dev");
    expect(first.stdout.split(token).length - 1).toBe(1);
    expect(first.stdout).toContain(`Admin token (shown this once; it is stored as the ADMIN_TOKEN secret): ${token}`);
    expect(first.stdout).toContain("Next: npx lubdub login --url https://lubdub.example-account.workers.dev --key <the admin token above>");
    expect(readFileSync(join(folder, "wrangler.toml"), "utf8")).toBe(readFileSync(join(root, "wrangler.toml"), "utf8"));
  });

  it("run again: migrations first, then the deploy; no new token, no new database", () => {
    expect(deploy().status).toBe(0);
    const again = deploy();
    expect(again.status, again.stderr).toBe(0);
    expect(again.commands).toEqual([
      "secret list --format json",
      "d1 list --json",
      "d1 migrations apply DB --remote --config .wrangler/deploy/wrangler.json",
      "deploy",
    ]);
    expect(again.stdout).toContain("lubdub is live at https://lubdub.example-account.workers.dev");
    expect(again.stdout).not.toContain("Admin token");
    const account = JSON.parse(readFileSync(join(folder, "account.json"), "utf8")) as Account;
    expect(account.databases).toHaveLength(1);
    expect(account.secrets).toEqual(["ADMIN_TOKEN"]);
  });

  it("a database_id in wrangler.toml (written by hand or by the Deploy button) is used as it is: no lookup, no second config", () => {
    const toml = readFileSync(join(folder, "wrangler.toml"), "utf8");
    const pinned = toml.replace(
      'database_name = "lubdub"',
      'database_name = "lubdub"\ndatabase_id = "7e57da7a-0000-4000-8000-00000000d1d1"',
    );
    writeFileSync(join(folder, "wrangler.toml"), pinned);
    writeAccount({
      workerExists: true,
      secrets: ["ADMIN_TOKEN"],
      databases: [{ uuid: "7e57da7a-0000-4000-8000-00000000d1d1", name: "lubdub" }],
    });
    const run = deploy();
    expect(run.status, run.stderr).toBe(0);
    expect(run.commands).toEqual(["secret list --format json", "d1 migrations apply DB --remote", "deploy"]);
  });

  it("a failing step stops the deploy with wrangler's message and a non-zero exit", () => {
    writeAccount({
      workerExists: true,
      secrets: ["ADMIN_TOKEN"],
      databases: [{ uuid: "2f4ac1e0-9d3b-4c55-8a61-0c7f3e1b9a27", name: "lubdub" }],
      fail: { "d1 migrations apply": 'Migration 0013_add_x.sql failed with the following errors: near "TABLE": syntax error' },
    });
    const failed = deploy();
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain('Migration 0013_add_x.sql failed with the following errors: near "TABLE": syntax error');
    expect(failed.stderr).toContain("npm run deploy stopped");
    expect(failed.commands).not.toContain("deploy");
  });

  it("a failing secret list (not a missing Worker) stops before anything is changed", () => {
    writeAccount({ workerExists: true, secrets: [], databases: [], fail: { "secret list": "Authentication error [code: 10000]" } });
    const failed = deploy();
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain("Authentication error [code: 10000]");
    expect(failed.commands).toEqual(["secret list --format json"]);
  });
});
