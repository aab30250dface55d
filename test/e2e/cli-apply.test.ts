import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitPercent } from "../../cli/discover/crontab";
import { lubdub, lubdubJson } from "./cli-helpers";
import { admin, type DevServer, startDevServer } from "./dev-server";

/**
 * Monitors as code and `lubdub discover`, with the real binary against the real dev server: apply is
 * idempotent, export round-trips, --prune deletes, discover --apply creates monitors and rewrites a
 * crontab whose new lines really ping.
 */

let server: DevServer;
const folder = mkdtempSync(join(tmpdir(), "lubdub-apply-"));
const env = { NTFY_TOKEN: "tk_abcdefghijklmnopqrstuvwxyz", HOOK_KEY: "key-1" };

beforeAll(async () => {
  server = await startDevServer();
});
afterAll(async () => {
  await server?.stop();
});

function write(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const FILE = `# yaml-language-server: $schema=../lubdub.schema.json
channels:
  ops-ntfy:
    type: ntfy
    topic: lubdub-e2e-ops
    token: {env: NTFY_TOKEN}
  hooks:
    type: webhook
    url: https://hooks.example.com/lubdub
    headers:
      X-Api-Key: {env: HOOK_KEY}
monitors:
  nightly-backup:
    name: Nightly backup
    schedule: "0 2 * * *"
    timezone: Europe/Berlin
    grace: 30m
    channels: [ops-ntfy]
    maintenance:
      - {cron: "0 3 * * 0", timezone: Europe/Berlin, duration: 1h}
  queue-worker:
    interval: 5m
    grace: 60
    escalation:
      - {after: 0, channels: [hooks]}
      - {after: 15m, channels: [ops-ntfy, hooks]}
`;

async function monitorsBySlug(): Promise<Record<string, { id: string; grace: number; channels: string[]; schedule: string | null }>> {
  const { body } = await admin(server, "GET", "/api/v1/monitors?limit=100");
  return Object.fromEntries(body.data.map((m: { slug: string }) => [m.slug, m]));
}

describe("lubdub apply / diff / export", () => {
  it("applies a file, and a second apply changes nothing", async () => {
    const path = write("lubdub.yaml", FILE);
    const first = await lubdubJson(server, ["apply", path], { env });
    expect(first.applied.map((s: { op: string; key: string }) => `${s.op} ${s.key}`)).toEqual([
      "create ops-ntfy",
      "create hooks",
      "create nightly-backup",
      "create queue-worker",
    ]);
    const monitors = await monitorsBySlug();
    expect(monitors["nightly-backup"]).toMatchObject({ grace: 1800, schedule: "0 2 * * *" });
    expect(monitors["nightly-backup"]?.channels).toEqual([expect.stringMatching(/^chn_/)]);

    const second = await lubdub(server, ["apply", path], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trim()).toBe("No changes.");
    const diff = await lubdub(server, ["diff", path], { env });
    expect(diff.stdout.trim()).toBe("No changes.");
  });

  it("shows and applies a change field by field", async () => {
    const path = write("changed.yaml", FILE.replace("grace: 30m", "grace: 1h"));
    const diff = await lubdub(server, ["diff", path], { env });
    expect(diff.stdout).toContain("~ monitor nightly-backup\n    grace: 1800 → 3600");
    expect(diff.stdout).toContain("Plan: 0 to create, 1 to update, 0 to delete.");
    expect((await lubdub(server, ["apply", path], { env })).code).toBe(0);
    expect((await monitorsBySlug())["nightly-backup"]?.grace).toBe(3600);
    // A different secret shows as a different mask: updated without --update-secrets.
    const rotated = await lubdub(server, ["diff", path], { env: { ...env, NTFY_TOKEN: "tk_abcdefghijklmnopqrstuvwxyzROTA" } });
    expect(rotated.stdout).toContain('token: "••••wxyz" → "••••ROTA"');
  });

  it("export writes the same state: applying it changes nothing, secrets only as variable names", async () => {
    for (const format of ["yaml", "json"]) {
      const exported = await lubdub(server, ["export", "--format", format]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).not.toContain(env.NTFY_TOKEN);
      expect(exported.stdout).toContain("OPS_NTFY_TOKEN");
      const path = write(`exported.${format}`, exported.stdout);
      const diff = await lubdub(server, ["diff", path]);
      expect(diff.code, diff.stderr).toBe(0);
      expect(diff.stdout.trim()).toBe("No changes.");
    }
  });

  it("refuses a file that does not match the format (exit 2), naming the field", async () => {
    const path = write("bad.yaml", "monitors:\n  x:\n    interval: 5 minutes\n");
    const result = await lubdub(server, ["apply", path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("monitors.x.interval");
  });

  it("--prune deletes what the file no longer declares; without it nothing is deleted", async () => {
    const declared = FILE.replace("grace: 30m", "grace: 1h");
    // Without the webhook channel and the monitor that used it.
    const kept =
      declared.slice(0, declared.indexOf("  hooks:")) + declared.slice(declared.indexOf("monitors:"), declared.indexOf("  queue-worker:"));
    const path = write("pruned.yaml", kept);
    expect((await lubdub(server, ["apply", path], { env })).stdout.trim()).toBe("No changes.");
    const pruned = await lubdub(server, ["apply", "--prune", path], { env });
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toContain("deleted monitor queue-worker");
    expect(pruned.stdout).toContain("deleted channel hooks");
    const monitors = await monitorsBySlug();
    expect(Object.keys(monitors)).not.toContain("queue-worker");
    expect(Object.keys(monitors)).toContain("nightly-backup");
  });
});

describe("lubdub discover", () => {
  it("proposes a monitor per job; --apply creates them and rewrites the file, after a backup, into lines that ping", async () => {
    const marker = join(folder, "ran.txt");
    const original = `CRON_TZ=America/New_York\n*/5 * * * * echo ran >> ${marker}\n@reboot /usr/bin/true\n`;
    const path = write("crontab", original);
    const proposed = await lubdub(server, ["discover", "--file", path]);
    expect(proposed.code, proposed.stderr).toBe(0);
    expect(proposed.stdout).toMatch(/echo:\n\s+name: echo ran/);
    expect(proposed.stdout).toContain("timezone: America/New_York");
    expect(readFileSync(path, "utf8")).toBe(original);

    const applied = await lubdub(server, ["discover", "--file", path, "--apply"]);
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
    execFileSync("sh", ["-c", command], { env: { ...process.env, LUBDUB_URL: server.url, LUBDUB_API_KEY: server.token } });
    expect(readFileSync(marker, "utf8")).toBe("ran\n");
    const { body } = await admin(server, "GET", `/api/v1/monitors/${monitor?.id}`);
    expect(body.last_ping_at).not.toBeNull();

    const again = await lubdub(server, ["discover", "--file", path, "--apply"]);
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

    const empty = await lubdub(server, ["discover"], { env: cronEnv });
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toContain("no cron jobs");

    const original = "0 6 * * 1 /usr/local/bin/weekly-report.sh\n";
    writeFileSync(installed, original);
    const applied = await lubdub(server, ["discover", "--apply"], { env: cronEnv });
    expect(applied.code, applied.stderr).toBe(0);
    expect((await monitorsBySlug())["weekly-report"]).toMatchObject({ schedule: "0 6 * * 1" });
    expect(readFileSync(installed, "utf8")).toMatch(/^0 6 \* \* 1 .* run weekly-report -- sh -c '\/usr\/local\/bin\/weekly-report.sh'\n$/);
    const backups = readdirSync(join(config, "lubdub")).filter((name) => name.startsWith("crontab-backup-"));
    expect(backups).toHaveLength(1);
    expect(existsSync(join(config, "lubdub", backups[0] ?? ""))).toBe(true);
    expect(readFileSync(join(config, "lubdub", backups[0] ?? ""), "utf8")).toBe(original);
  });
});
