import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { splitPercent } from "../../../cli/discover/crontab";
import { api, lubdub, useTeam } from "../helpers";

/**
 * `lubdub discover` (cli/discover/command.ts), run in-process against the real dev server: --apply creates
 * the monitors and rewrites a crontab file, or the user's crontab through a stand-in crontab(1), into lines
 * that call the real binary and really ping.
 */
const server = useTeam("cli-discover");
const folder = mkdtempSync(join(tmpdir(), "lubdub-discover-"));

function write(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}
async function monitorsBySlug(): Promise<Record<string, { id: string; grace: number; channels: string[]; schedule: string | null }>> {
  const { body } = await api(server(), "GET", "/api/v1/monitors?limit=100");
  return Object.fromEntries(body.data.map((m: { slug: string }) => [m.slug, m]));
}

describe("lubdub discover", () => {
  it("proposes a monitor per job; --apply creates them and rewrites the file, after a backup, into lines that ping", async () => {
    const marker = join(folder, "ran.txt");
    const original = `CRON_TZ=America/New_York\n*/5 * * * * echo ran >> ${marker}\n@reboot /usr/bin/true\n`;
    const path = write("crontab", original);
    const proposed = await lubdub(server(), ["discover", "--file", path]);
    expect(proposed.code, proposed.stderr).toBe(0);
    expect(proposed.stdout).toMatch(/echo:\n\s+name: echo ran/);
    expect(proposed.stdout).toContain("timezone: America/New_York");
    expect(readFileSync(path, "utf8")).toBe(original);

    const applied = await lubdub(server(), ["discover", "--file", path, "--apply"]);
    expect(applied.code, applied.stderr).toBe(0);
    const monitor = (await monitorsBySlug()).echo;
    expect(monitor).toMatchObject({ schedule: "*/5 * * * *" });
    const backups = readdirSync(folder).filter((name) => name.startsWith("crontab.lubdub-backup-"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(folder, backups[0] ?? ""), "utf8")).toBe(original);
    const rewritten = readFileSync(path, "utf8").split("\n");
    expect(rewritten[0]).toBe("CRON_TZ=America/New_York");
    expect(rewritten[1]).toMatch(/^\*\/5 \* \* \* \* .*lubdub\.mjs' run echo -- sh -c 'echo ran >> /);
    expect(rewritten[2]).toBe("@reboot /usr/bin/true");

    // Run the new line as cron would: sh -c with the command part. The job runs, and lubdub records the run.
    const command = splitPercent((rewritten[1] ?? "").replace(/^(\S+\s+){5}/, "")).command;
    const { url, token, team } = server();
    execFileSync("sh", ["-c", command], { env: { ...process.env, LUBDUB_URL: url, LUBDUB_API_KEY: token, LUBDUB_TEAM: team } });
    expect(readFileSync(marker, "utf8")).toBe("ran\n");
    const { body } = await api(server(), "GET", `/api/v1/monitors/${monitor?.id}`);
    expect(body.last_ping_at).not.toBeNull();

    const again = await lubdub(server(), ["discover", "--file", path, "--apply"]);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(rewritten.join("\n"));
  });

  it("without --file, reads `crontab -l` and installs the new one with `crontab <file>`, the backup under the config folder", async () => {
    // A stand-in for crontab(1) on PATH, keeping the "installed" crontab in a file.
    const bin = join(folder, "fake-bin");
    const installed = join(folder, "installed-crontab");
    mkdirSync(bin);
    writeFileSync(
      join(bin, "crontab"),
      `#!/bin/sh\nif [ "$1" = "-l" ]; then cat "${installed}" 2>/dev/null || { echo "no crontab for you" >&2; exit 1; }; else cp "$1" "${installed}"; fi\n`,
    );
    chmodSync(join(bin, "crontab"), 0o755);
    const config = join(folder, "config");
    const cronEnv = { PATH: `${bin}:${process.env.PATH}`, XDG_CONFIG_HOME: config };

    const empty = await lubdub(server(), ["discover"], { env: cronEnv });
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toContain("no cron jobs");

    const original = "0 6 * * 1 /usr/local/bin/weekly-report.sh\n";
    writeFileSync(installed, original);
    const applied = await lubdub(server(), ["discover", "--apply"], { env: cronEnv });
    expect(applied.code, applied.stderr).toBe(0);
    expect((await monitorsBySlug())["weekly-report"]).toMatchObject({ schedule: "0 6 * * 1" });
    expect(readFileSync(installed, "utf8")).toMatch(/^0 6 \* \* 1 .* run weekly-report -- sh -c '\/usr\/local\/bin\/weekly-report.sh'\n$/);
    const backups = readdirSync(join(config, "lubdub")).filter((name) => name.startsWith("crontab-backup-"));
    expect(backups).toHaveLength(1);
    expect(existsSync(join(config, "lubdub", backups[0] ?? ""))).toBe(true);
    expect(readFileSync(join(config, "lubdub", backups[0] ?? ""), "utf8")).toBe(original);
  });

  it("without --apply proposes no slug the server already has, so `discover > file; apply file` leaves that monitor alone", async () => {
    const existing = { slug: "nightly-dump", name: "Another host's dump", interval: 3600, grace: 120, success_keywords: ["done"] };
    const created = await api(server(), "POST", "/api/v1/monitors", existing);
    expect(created.status).toBe(201);
    const crontab = write("crontab-taken", "0 2 * * * /srv/bin/nightly-dump.sh\n");
    const proposed = await lubdub(server(), ["discover", "--file", crontab]);
    expect(proposed.code, proposed.stderr).toBe(0);
    expect(proposed.stdout).toMatch(/^ {2}nightly-dump-2:$/m);
    expect(proposed.stdout).not.toMatch(/^ {2}nightly-dump:$/m);
    expect(proposed.stderr).toContain(
      'note: the slug nightly-dump is taken on the server (monitor "Another host\'s dump"): proposed nightly-dump-2',
    );

    const applied = await lubdub(server(), ["apply", write("discovered.yaml", proposed.stdout)]);
    expect(applied.code, applied.stderr).toBe(0);
    const monitors = await monitorsBySlug();
    expect(monitors["nightly-dump"]).toMatchObject({ ...existing, schedule: null });
    expect(monitors["nightly-dump-2"]).toMatchObject({ schedule: "0 2 * * *" });
  });
});
