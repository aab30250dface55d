import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shellQuote, splitPercent } from "../../../cli/discover/crontab";
import { emptyConfigHome, LUBDUB_BIN, lubdub, lubdubJson, useTeam } from "../helpers";

// `lubdub discover` with the real crontab(1) (Debian's `cron` package), on the current user's crontab:
// read with `crontab -l`, installed with `crontab <file>`. The user's crontab is saved first (and a copy
// kept in a temporary file until it is back) and put back afterwards, or removed when there was none.
// Without crontab this is skipped, saying so; test/cli/discover/discover-command.test.ts runs the same flow with a stand-in.
// In-process against the real dev server (test/cli/helpers.ts), in a team of its own.

/** The crontab program lubdub will run: the first on PATH; null when there is none. */
function findCrontab(): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    try {
      accessSync(join(dir, "crontab"), constants.X_OK);
      return join(dir, "crontab");
    } catch {
      // not here
    }
  }
  return null;
}

const CRONTAB = findCrontab();
if (!CRONTAB)
  console.warn(
    "test/cli/discover/discover-user-crontab.test.ts: crontab is not installed (apt-get install cron): the real-crontab test is skipped",
  );

/** The user's crontab, as `crontab -l` prints it; null for "no crontab for <user>" (exit 1). */
function listCrontab(crontab: string): string | null {
  const listed = spawnSync(crontab, ["-l"], { encoding: "utf8" });
  if (listed.status === 0) return listed.stdout;
  if (/no crontab/i.test(listed.stderr)) return null;
  throw new Error(`crontab -l failed (${listed.status}): ${listed.stderr}`);
}

function installCrontab(crontab: string, path: string): void {
  const installed = spawnSync(crontab, [path], { encoding: "utf8" });
  if (installed.status !== 0) throw new Error(`crontab ${path} failed: ${installed.stderr}`);
}

/** This run's files (made once crontab is known to be there), and the user's crontab as it was before. */
let folder = "";
const savedCopy = () => join(folder, "users-crontab-before-the-test");
let saved: string | null | undefined;
const server = useTeam("cli-user-crontab");

beforeAll(async () => {
  if (!CRONTAB) return;
  folder = mkdtempSync(join(tmpdir(), "lubdub-crontab-"));
  saved = listCrontab(CRONTAB);
  if (saved !== null) writeFileSync(savedCopy(), saved, { mode: 0o600 });
});

/** Puts the user's crontab back as it was (none: removed), and checks that it is. */
function restoreUserCrontab(crontab: string, before: string | null): void {
  if (before === null) spawnSync(crontab, ["-r"], { encoding: "utf8" });
  else installCrontab(crontab, savedCopy());
  const now = listCrontab(crontab);
  if (now !== before) throw new Error(`the user's crontab was not put back (it is saved in ${savedCopy()}); it is now:\n${now}`);
}

afterAll(() => {
  // When this throws, the folder stays: it holds the saved copy.
  if (CRONTAB && saved !== undefined) restoreUserCrontab(CRONTAB, saved);
  if (folder) rmSync(folder, { recursive: true, force: true });
});

// Commands that do not exist, so nothing happens should a running cron daemon reach 03:17 during the test.
const JOBS = `# lubdub e2e test crontab (the user's own is put back after the test)
CRON_TZ=Europe/Berlin
17 3 * * * /nonexistent/lubdub-e2e-report.sh --quiet >/dev/null 2>&1
@reboot /nonexistent/lubdub-e2e-boot.sh
`;

describe.skipIf(!CRONTAB)("lubdub discover with the real crontab", () => {
  it("proposes from `crontab -l`; --apply creates the monitor, backs up, installs the wrapped line; again changes nothing", async () => {
    const [crontab, dev] = [CRONTAB ?? "crontab", server()];
    writeFileSync(join(folder, "jobs"), JOBS);
    installCrontab(crontab, join(folder, "jobs"));
    const config = emptyConfigHome();
    const env = { env: { XDG_CONFIG_HOME: config } };

    const proposed = await lubdub(dev, ["discover"], env);
    expect(proposed.code, proposed.stderr).toBe(0);
    expect(proposed.stdout).toMatch(/lubdub-e2e-report:\n\s+name: .*\n\s+schedule: 17 3 \* \* \*\n\s+timezone: Europe\/Berlin\n/);
    expect(proposed.stderr).toBe("note: line 4 left alone: @reboot has no schedule to monitor\n");
    expect(listCrontab(crontab)).toBe(JOBS);

    const applied = await lubdub(dev, ["discover", "--apply"], env);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/^created 1 monitor\(s\); crontab rewritten, the old one saved as .*\/lubdub\/crontab-backup-\S+$/m);
    expect(await lubdubJson(dev, ["monitors", "show", "lubdub-e2e-report"])).toMatchObject({
      schedule: "17 3 * * *",
      timezone: "Europe/Berlin",
      grace: 3600,
    });
    const backups = readdirSync(join(config, "lubdub")).filter((name) => name.startsWith("crontab-backup-"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(config, "lubdub", backups[0] ?? ""), "utf8")).toBe(JOBS);
    const lubdubCommand = `${shellQuote(process.execPath)} ${shellQuote(realpathSync(LUBDUB_BIN))}`;
    const wrapped = `17 3 * * * ${lubdubCommand} run lubdub-e2e-report -- sh -c '/nonexistent/lubdub-e2e-report.sh --quiet >/dev/null 2>&1'`;
    const installed = listCrontab(crontab) ?? "";
    expect(installed).toBe(JOBS.replace(/^17 3 .*$/m, wrapped));

    // The installed line, run by sh as cron would: the job runs (and fails: 127, not found), lubdub reports it.
    const command = splitPercent((installed.split("\n")[2] ?? "").replace(/^(\S+\s+){5}/, "")).command;
    const run = spawnSync("sh", ["-c", command], {
      env: { ...process.env, LUBDUB_URL: dev.url, LUBDUB_API_KEY: dev.token, LUBDUB_TEAM: dev.team },
    });
    expect(run.status).toBe(127);
    expect((await lubdubJson(dev, ["pings", "lubdub-e2e-report"])).data[0]).toMatchObject({ kind: "fail", exit_status: 127 });

    const again = await lubdub(dev, ["discover", "--apply"], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("no cron jobs to monitor");
    expect(again.stderr).toContain("note: line 3 left alone: already runs through lubdub run");
    expect(listCrontab(crontab)).toBe(installed);
    expect(readdirSync(join(config, "lubdub")).filter((name) => name.startsWith("crontab-backup-"))).toHaveLength(1);
    const slugs = (await lubdubJson(dev, ["monitors", "list"])).data.map((m: { slug: string | null }) => m.slug);
    expect(slugs).toEqual(["lubdub-e2e-report"]);
  });
});
