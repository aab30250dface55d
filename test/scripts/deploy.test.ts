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
  databases: { uuid: string; name: string; jurisdiction?: string | null }[];
  /** What `SELECT COUNT(*) FROM monitors` answers in the account's database. */
  monitors?: number;
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
      "d1 list --json",
      "secret list --format json",
      "secret put ADMIN_TOKEN --name lubdub",
      "deploy",
      "d1 list --json",
      "d1 migrations apply DB --remote --config .wrangler/deploy/wrangler.json",
    ]);
    const token = first.calls[2]?.stdin ?? "";
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
      "d1 list --json",
      "secret list --format json",
      "d1 migrations apply DB --remote --config .wrangler/deploy/wrangler.json",
      "deploy",
    ]);
    expect(again.stdout).toContain("lubdub is live at https://lubdub.example-account.workers.dev");
    expect(again.stdout).not.toContain("Admin token");
    const account = JSON.parse(readFileSync(join(folder, "account.json"), "utf8")) as Account;
    expect(account.databases).toHaveLength(1);
    expect(account.secrets).toEqual(["ADMIN_TOKEN"]);
  });

  it("a database_id in wrangler.toml (written by hand or by the Deploy button) is used as it is (listed only for its jurisdiction), no second config", () => {
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
    expect(run.commands).toEqual(["d1 list --json", "secret list --format json", "d1 migrations apply DB --remote", "deploy"]);
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
    expect(failed.commands).toEqual(["d1 list --json", "secret list --format json"]);
  });

  describe("with a jurisdiction (wrangler.toml [vars] JURISDICTION)", () => {
    const withJurisdiction = (value: string) => {
      const toml = readFileSync(join(folder, "wrangler.toml"), "utf8");
      writeFileSync(join(folder, "wrangler.toml"), `${toml}\n[vars]\nJURISDICTION = "${value}"\n`);
    };
    const EU_DB = { uuid: "5ee0d1e0-4c2a-4e1b-9f3d-7a6b5c4d3e2f", name: "lubdub", jurisdiction: "eu" };
    const PLAIN_DB = { uuid: "2f4ac1e0-9d3b-4c55-8a61-0c7f3e1b9a27", name: "lubdub", jurisdiction: null };
    const COUNT =
      "d1 execute DB --remote --json --command SELECT COUNT(*) AS monitors FROM monitors --config .wrangler/deploy/wrangler.json";

    it("on a new account: creates D1 in it (provisioning would not), then migrations before the first deploy", () => {
      withJurisdiction("eu");
      const first = deploy();
      expect(first.status, first.stderr).toBe(0);
      expect(first.commands).toEqual([
        "d1 list --json",
        "d1 create lubdub --jurisdiction eu",
        "d1 list --json",
        "secret list --format json",
        "secret put ADMIN_TOKEN --name lubdub",
        "d1 migrations apply DB --remote --config .wrangler/deploy/wrangler.json",
        "deploy",
      ]);
      expect(first.calls[5]?.config?.d1_databases[0]).toMatchObject({ database_id: EU_DB.uuid });
      const again = deploy();
      expect(again.status, again.stderr).toBe(0);
      expect(again.commands).toEqual([
        "d1 list --json",
        "secret list --format json",
        "d1 migrations apply DB --remote --config .wrangler/deploy/wrangler.json",
        "deploy",
      ]);
      const account = JSON.parse(readFileSync(join(folder, "account.json"), "utf8")) as Account;
      expect(account.databases).toEqual([expect.objectContaining({ name: "lubdub", jurisdiction: "eu" })]);
    });

    it("refuses to change it on a deployment that has monitors, with the reason, before changing anything", () => {
      withJurisdiction("eu");
      writeAccount({ workerExists: true, secrets: [], databases: [PLAIN_DB], monitors: 12 });
      const refused = deploy();
      expect(refused.status).not.toBe(0);
      expect(refused.commands).toEqual(["d1 list --json", COUNT]);
      expect(refused.stderr).toContain(
        'npm run deploy stopped: wrangler.toml sets JURISDICTION to "eu", but this deployment\'s data is in none: its D1 database "lubdub" was created there, and so were the objects of its 12 monitors. Changing it means moving data',
      );
      expect(refused.stderr).toContain('To deploy as it is, set JURISDICTION = "" in wrangler.toml.');
    });

    it("refuses the other way too: an EU deployment deployed with none", () => {
      writeAccount({ workerExists: true, secrets: ["ADMIN_TOKEN"], databases: [EU_DB], monitors: 1 });
      const refused = deploy();
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('sets JURISDICTION to none, but this deployment\'s data is in "eu"');
      expect(refused.stderr).toContain("the objects of its 1 monitor.");
      expect(refused.stderr).toContain('set JURISDICTION = "eu" in wrangler.toml');
      expect(refused.commands).not.toContain("deploy");
    });

    it("with no monitors, still refuses (D1's jurisdiction is fixed at creation) and says how to start over", () => {
      withJurisdiction("fedramp");
      writeAccount({ workerExists: true, secrets: ["ADMIN_TOKEN"], databases: [PLAIN_DB], monitors: 0 });
      const refused = deploy();
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain("a D1 database's jurisdiction is fixed when it is created. It holds no monitors");
      expect(refused.stderr).toContain("npx wrangler d1 delete lubdub");
      expect(refused.commands).toEqual(["d1 list --json", COUNT]);
    });

    it("an invalid value stops the deploy before wrangler is asked anything", () => {
      withJurisdiction("EU");
      const refused = deploy();
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('wrangler.toml sets JURISDICTION = "EU"; it must be "eu" or "fedramp", or empty for none.');
      expect(refused.commands).toEqual([]);
    });
  });
});
