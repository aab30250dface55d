import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { api, lubdub, lubdubJson, useTeam } from "../helpers";

/**
 * Monitors as code (cli/apply/command.ts), run in-process against the real dev server: apply is idempotent,
 * diff shows a change field by field, export round-trips, --prune deletes. (test/e2e/cli-binary.test.ts
 * applies a file with the real binary once.)
 */
const server = useTeam("cli-apply");
const folder = mkdtempSync(join(tmpdir(), "lubdub-apply-"));
const env = { NTFY_TOKEN: "tk_abcdefghijklmnopqrstuvwxyz", HOOK_KEY: "key-1" };

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
  const { body } = await api(server(), "GET", "/api/v1/monitors?limit=100");
  return Object.fromEntries(body.data.map((m: { slug: string }) => [m.slug, m]));
}

describe("lubdub apply / diff / export", () => {
  it("applies a file, and a second apply changes nothing", async () => {
    const path = write("lubdub.yaml", FILE);
    const first = await lubdubJson(server(), ["apply", path], { env });
    expect(first.applied.map((s: { op: string; key: string }) => `${s.op} ${s.key}`)).toEqual([
      "create ops-ntfy",
      "create hooks",
      "create nightly-backup",
      "create queue-worker",
    ]);
    const monitors = await monitorsBySlug();
    expect(monitors["nightly-backup"]).toMatchObject({ grace: 1800, schedule: "0 2 * * *" });
    expect(monitors["nightly-backup"]?.channels).toEqual([expect.stringMatching(/^chn_/)]);

    const second = await lubdub(server(), ["apply", path], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trim()).toBe("No changes.");
    const diff = await lubdub(server(), ["diff", path], { env });
    expect(diff.stdout.trim()).toBe("No changes.");
  });

  it("shows and applies a change field by field", async () => {
    // Durations as people write them: the server's in its largest exact unit, the file's in the file's own units.
    const inMinutes = await lubdub(server(), ["diff", write("minutes.yaml", FILE.replace("grace: 30m", "grace: 90m"))], { env });
    expect(inMinutes.stdout).toContain("~ monitor nightly-backup\n    grace: 30m → 90m\n");
    const interval = await lubdub(server(), ["diff", write("interval.yaml", FILE.replace("interval: 5m", "interval: 300m"))], { env });
    expect(interval.stdout).toContain("~ monitor queue-worker\n    interval: 5m → 300m\n");
    const path = write("changed.yaml", FILE.replace("grace: 30m", "grace: 1h"));
    const diff = await lubdub(server(), ["diff", path], { env });
    expect(diff.stdout).toContain("~ monitor nightly-backup\n    grace: 30m → 1h");
    expect(diff.stdout).toContain("Plan: 0 to create, 1 to update, 0 to delete.");
    expect((await lubdub(server(), ["apply", path], { env })).code).toBe(0);
    expect((await monitorsBySlug())["nightly-backup"]?.grace).toBe(3600);
    // A different secret shows as a different mask: updated without --update-secrets.
    const rotated = await lubdub(server(), ["diff", path], { env: { ...env, NTFY_TOKEN: "tk_abcdefghijklmnopqrstuvwxyzROTA" } });
    expect(rotated.stdout).toContain('token: "••••wxyz" → "••••ROTA"');
  });

  it("export writes the same state: applying it changes nothing, secrets only as variable names", async () => {
    for (const format of ["yaml", "json"]) {
      const exported = await lubdub(server(), ["export", "--format", format]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).not.toContain(env.NTFY_TOKEN);
      expect(exported.stdout).toContain("OPS_NTFY_TOKEN");
      const path = write(`exported.${format}`, exported.stdout);
      const diff = await lubdub(server(), ["diff", path]);
      expect(diff.code, diff.stderr).toBe(0);
      expect(diff.stdout.trim()).toBe("No changes.");
    }
  });

  it("export -o into a folder that does not exist: exit 2 naming the file, not an internal error", async () => {
    const result = await lubdub(server(), ["export", "-o", join(folder, "no-such-folder", "lubdub.yaml")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: cannot write .*\/no-such-folder\/lubdub\.yaml: ENOENT/);
  });

  it("refuses a file that does not match the format (exit 2), naming the field", async () => {
    const path = write("bad.yaml", "monitors:\n  x:\n    interval: 5 minutes\n");
    const result = await lubdub(server(), ["apply", path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("monitors.x.interval");
  });

  it("--prune deletes what the file no longer declares; without it nothing is deleted", async () => {
    const declared = FILE.replace("grace: 30m", "grace: 1h");
    // Without the webhook channel and the monitor that used it.
    const kept =
      declared.slice(0, declared.indexOf("  hooks:")) + declared.slice(declared.indexOf("monitors:"), declared.indexOf("  queue-worker:"));
    const path = write("pruned.yaml", kept);
    expect((await lubdub(server(), ["apply", path], { env })).stdout.trim()).toBe("No changes.");
    const pruned = await lubdub(server(), ["apply", "--prune", path], { env });
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toContain("deleted monitor queue-worker");
    expect(pruned.stdout).toContain("deleted channel hooks");
    const monitors = await monitorsBySlug();
    expect(Object.keys(monitors)).not.toContain("queue-worker");
    expect(Object.keys(monitors)).toContain("nightly-backup");
  });

  it("warns when a monitor it creates ends up alerting nobody", async () => {
    const path = write("silent.yaml", "monitors:\n  silent-job:\n    interval: 1h\n    channels: []\n");
    const applied = await lubdub(server(), ["apply", path]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toBe(
      'warning: monitor "silent-job" alerts nobody: it has no channel (give silent-job channels: in the file, or set the team\'s default_channels)\n',
    );
  });
});
