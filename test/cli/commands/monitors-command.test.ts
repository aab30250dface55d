import { describe, expect, it } from "vitest";
import { lubdub, lubdubJson, useTeam } from "../helpers";

// `lubdub monitors`, run in-process against the real dev server (test/cli/helpers.ts): create, list with
// filters, show, edit, pause, resume and delete, by id, slug or name; --json parsed, the table as printed.
const server = useTeam("cli-monitors");

describe("lubdub monitors", () => {
  it("creates, lists, shows (by slug and name), edits, pauses, resumes and deletes a monitor", async () => {
    const channel = await lubdubJson(server(), [
      "channels",
      "create",
      "--type",
      "webhook",
      "--name",
      "ops-hook",
      "--webhook-url",
      "http://127.0.0.1:9/hook",
    ]);
    expect(channel).toMatchObject({ type: "webhook", name: "ops-hook" });
    const args = ["monitors", "create", "--name", "Nightly backup", "--slug", "nightly", "--interval", "5m", "--grace", "1m"];
    const monitor = await lubdubJson(server(), [...args, "--channel", "ops-hook"]);
    expect(monitor).toMatchObject({ slug: "nightly", interval: 300, grace: 60, channels: [channel.id], status: "new" });
    const cron = await lubdubJson(server(), ["monitors", "create", "--name", "report", "--schedule", "0 3 * * *", "--tz", "Europe/Berlin"]);
    expect(cron).toMatchObject({ schedule: "0 3 * * *", timezone: "Europe/Berlin", interval: null });

    const list = await lubdubJson(server(), ["monitors", "list"]);
    expect(list.data.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([monitor.id, cron.id]));
    expect((await lubdubJson(server(), ["monitors", "show", "nightly"])).id).toBe(monitor.id);
    expect((await lubdubJson(server(), ["monitors", "show", "report"])).id).toBe(cron.id);

    const edited = await lubdubJson(server(), ["monitors", "edit", "nightly", "--grace", "2m", "--data", '{"summary":"db dump"}']);
    expect(edited).toMatchObject({ grace: 120, summary: "db dump", interval: 300 });
    expect((await lubdubJson(server(), ["monitors", "pause", monitor.id])).status).toBe("paused");
    expect((await lubdubJson(server(), ["monitors", "resume", "nightly"])).status).toBe("new");

    expect((await lubdub(server(), ["monitors", "delete", "report"])).code).toBe(0);
    const gone = await lubdub(server(), ["monitors", "show", cron.id]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("not_found");
  });

  it("--snooze holds notifications back for a duration or until a time, and off ends it", async () => {
    await lubdubJson(server(), ["monitors", "create", "--name", "snoozy", "--slug", "snoozy", "--interval", "1h"]);
    const before = Date.now();
    const snoozed = await lubdubJson(server(), ["monitors", "edit", "snoozy", "--snooze", "2h"]);
    const until = Date.parse(snoozed.snoozed_until);
    expect(until).toBeGreaterThanOrEqual(before + 2 * 3600_000 - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 2 * 3600_000 + 1000);
    const at = new Date(Date.now() + 86_400_000).toISOString();
    expect((await lubdubJson(server(), ["monitors", "edit", "snoozy", "--snooze", at])).snoozed_until).toBe(at);
    expect((await lubdubJson(server(), ["monitors", "edit", "snoozy", "--snooze", "off"])).snoozed_until).toBeNull();
    const refused = await lubdub(server(), ["monitors", "edit", "snoozy", "--snooze", "soon"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("--snooze");
  });

  it("prints a plain table when piped (no colour escapes), with the status word", async () => {
    await lubdubJson(server(), ["monitors", "create", "--name", "table-check", "--interval", "1h"]);
    const table = await lubdub(server(), ["monitors", "list"], { env: { FORCE_COLOR: "1" } });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+SLUG\s+NAME\s+STATUS/);
    expect(table.stdout).toMatch(/table-check\s+new/);
    expect(table.stdout).not.toContain("\u001b[");
  });

  it("lists by tag, status and name (filters passed to the API), tags in the table", async () => {
    const tagged = { tags: ["cli-backup", "cli-prod"] };
    await lubdubJson(server(), ["monitors", "create", "--name", "filter-a", "--interval", "1h", "--data", JSON.stringify(tagged)]);
    await lubdubJson(server(), ["monitors", "create", "--name", "filter-b", "--interval", "1h", "--data", '{"tags":["cli-backup"]}']);
    const names = async (args: string[]) =>
      (await lubdubJson(server(), ["monitors", "list", ...args])).data.map((m: { name: string }) => m.name).sort();
    expect(await names(["--tag", "cli-backup"])).toEqual(["filter-a", "filter-b"]);
    expect(await names(["--tag", "cli-backup", "cli-prod"])).toEqual(["filter-a"]);
    expect(await names(["--q", "FILTER-B", "--status", "new"])).toEqual(["filter-b"]);
    expect((await lubdub(server(), ["monitors", "list", "--status", "sideways"])).code).toBe(1);
    expect((await lubdub(server(), ["monitors", "list", "--tag", "cli-prod"])).stdout).toMatch(/filter-a.*cli-backup,cli-prod/);
  });

  it("shows durations as people write them in the table: 5m, 90m, 1d", async () => {
    await lubdubJson(server(), ["monitors", "create", "--name", "durations-a", "--interval", "5m", "--grace", "90m"]);
    await lubdubJson(server(), ["monitors", "create", "--name", "durations-b", "--interval", "1d", "--grace", "0"]);
    const table = (await lubdub(server(), ["monitors", "list", "--q", "durations-"])).stdout;
    expect(table).toMatch(/durations-a\s+new\s+5m\s+90m\s/);
    expect(table).toMatch(/durations-b\s+new\s+1d\s+0s\s/);
    const shown = (await lubdub(server(), ["monitors", "show", "durations-a"])).stdout;
    expect(shown).toMatch(/^interval: +5m$/m);
    expect(shown).toMatch(/^grace: +90m$/m);
  });

  it("warns on stderr when a created or edited monitor alerts nobody, from the server's answer", async () => {
    // An explicit empty list: a monitor without `channels` may get the team's default channels from the server.
    const args = ["monitors", "create", "--name", "lonely", "--slug", "lonely", "--interval", "1h", "--data", '{"channels":[]}'];
    const lonely = await lubdub(server(), args);
    expect(lonely.code).toBe(0);
    expect(lonely.stderr).toBe(
      'warning: monitor "lonely" alerts nobody: it has no channel (add one with --channel <name>, or set the team\'s default_channels)\n',
    );
    await lubdubJson(server(), ["channels", "create", "--type", "webhook", "--name", "warn-hook", "--webhook-url", "http://127.0.0.1:9/h"]);
    const edited = await lubdub(server(), ["monitors", "edit", "lonely", "--channel", "warn-hook"]);
    expect(edited).toMatchObject({ code: 0, stderr: "" });
    expect((await lubdub(server(), ["monitors", "edit", "lonely", "--data", '{"channels":[]}'])).stderr).toMatch(
      /^warning: monitor "lonely" alerts nobody/,
    );
  });

  it("an unknown channel name says which channels exist and how to list them", async () => {
    await lubdubJson(server(), [
      "channels",
      "create",
      "--type",
      "webhook",
      "--name",
      "known-hook",
      "--webhook-url",
      "http://127.0.0.1:9/k",
    ]);
    const result = await lubdub(server(), ["monitors", "create", "--name", "x", "--interval", "1h", "--channel", "no-such-hook"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: no channel with id or name "no-such-hook": the team's channels are .*known-hook.* \(lubdub channels list\)\n$/,
    );
    // Names in --data are looked up as the flag's are, escalation steps included.
    const hook = await lubdubJson(server(), ["channels", "show", "known-hook"]);
    const data = JSON.stringify({ channels: ["known-hook"], escalation: [] });
    expect(await lubdubJson(server(), ["monitors", "create", "--name", "by-data", "--interval", "1h", "--data", data])).toMatchObject({
      channels: [hook.id],
    });
    const escalating = JSON.stringify({ escalation: [{ after: "10m", channels: ["known-hook"] }] });
    const created = await lubdubJson(server(), ["monitors", "create", "--name", "escalating", "--interval", "1h", "--data", escalating]);
    expect(created.escalation).toEqual([{ after: 600, channels: [hook.id] }]);
    const unknown = await lubdub(server(), ["monitors", "create", "--name", "y", "--interval", "1h", "--data", '{"channels":["nope"]}']);
    expect(unknown.stderr).toMatch(/^error: no channel with id or name "nope": /);
  });
});
