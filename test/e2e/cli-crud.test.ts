import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyConfigHome, lubdub, lubdubInTerminal, lubdubJson, SCRIPT_BIN } from "./cli-helpers";
import { type DevServer, freePort, startDevServer, waitFor } from "./dev-server";

// The lubdub CLI, spawned as a user runs it, against the real dev server: the CRUD commands with --json
// parsed, the tables, the exit codes (0 ok, 1 API error, 2 usage error, 3 unreachable) and login.
let server: DevServer;
if (!SCRIPT_BIN) console.warn("test/e2e/cli-crud.test.ts: script (util-linux) is not installed: the terminal colour test is skipped");
beforeAll(async () => {
  server = await startDevServer();
}, 60_000);
afterAll(async () => server?.stop());

/** The table row naming `name`. */
const rowOf = (table: string, name: string) => table.split("\n").find((row) => row.includes(` ${name} `)) ?? `(no row for ${name})`;

describe("lubdub CLI: monitors, channels, pings", () => {
  it("creates, lists, shows (by slug and name), edits, pauses, resumes and deletes a monitor", async () => {
    const channel = await lubdubJson(server, [
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
    const monitor = await lubdubJson(server, [...args, "--channel", "ops-hook"]);
    expect(monitor).toMatchObject({ slug: "nightly", interval: 300, grace: 60, channels: [channel.id], status: "new" });
    const cron = await lubdubJson(server, ["monitors", "create", "--name", "report", "--schedule", "0 3 * * *", "--tz", "Europe/Berlin"]);
    expect(cron).toMatchObject({ schedule: "0 3 * * *", timezone: "Europe/Berlin", interval: null });

    const list = await lubdubJson(server, ["monitors", "list"]);
    expect(list.data.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([monitor.id, cron.id]));
    expect((await lubdubJson(server, ["monitors", "show", "nightly"])).id).toBe(monitor.id);
    expect((await lubdubJson(server, ["monitors", "show", "report"])).id).toBe(cron.id);

    const edited = await lubdubJson(server, ["monitors", "edit", "nightly", "--grace", "2m", "--data", '{"summary":"db dump"}']);
    expect(edited).toMatchObject({ grace: 120, summary: "db dump", interval: 300 });
    expect((await lubdubJson(server, ["monitors", "pause", monitor.id])).status).toBe("paused");
    expect((await lubdubJson(server, ["monitors", "resume", "nightly"])).status).toBe("new");

    expect((await lubdub(server, ["monitors", "delete", "report"])).code).toBe(0);
    const gone = await lubdub(server, ["monitors", "show", cron.id]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("not_found");
  });

  it("prints a plain table when piped (no colour escapes), with the status word", async () => {
    await lubdubJson(server, ["monitors", "create", "--name", "table-check", "--interval", "1h"]);
    const table = await lubdub(server, ["monitors", "list"], { env: { FORCE_COLOR: "1" } });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+SLUG\s+NAME\s+STATUS/);
    expect(table.stdout).toMatch(/table-check\s+new/);
    expect(table.stdout).not.toContain("\u001b[");
  });

  it.skipIf(!SCRIPT_BIN)(
    "colours the status word at a terminal (a pseudo-terminal, by `script`), not with NO_COLOR or TERM=dumb",
    async () => {
      await lubdubJson(server, ["monitors", "create", "--name", "tty-new", "--interval", "1h"]);
      await lubdubJson(server, ["monitors", "create", "--name", "tty-up", "--slug", "tty-up", "--interval", "1h"]);
      expect((await lubdub(server, ["ping", "tty-up"])).code).toBe(0);
      // The list is read from D1, which hears of the new status just after the ping.
      const listedUp = async () => (await lubdubJson(server, ["monitors", "list", "--q", "tty-up", "--status", "up"])).data.length === 1;
      await waitFor(listedUp, 10_000, "tty-up listed as up");
      const coloured = await lubdubInTerminal(server, ["monitors", "list", "--q", "tty-"]);
      expect(coloured.code, coloured.stdout).toBe(0);
      // styleText's codes around the word only: blue (34) for new, green (32) for up, each ended by 39; the header bold (1).
      const ESC = "\u001b[";
      expect(rowOf(coloured.stdout, "tty-new")).toContain(` ${ESC}34mnew${ESC}39m `);
      expect(rowOf(coloured.stdout, "tty-up")).toContain(` ${ESC}32mup${ESC}39m `);
      expect(coloured.stdout.startsWith(`${ESC}1mID`)).toBe(true);

      // Piped: the test above. NO_COLOR set to anything but "" turns colour off (https://no-color.org), as does a dumb terminal.
      const plain = await lubdubInTerminal(server, ["monitors", "list", "--q", "tty-"], { env: { NO_COLOR: "1" } });
      expect(rowOf(plain.stdout, "tty-up")).toMatch(/tty-up\s+up\s/);
      expect(plain.stdout).not.toContain(ESC);
      const empty = await lubdubInTerminal(server, ["monitors", "list", "--q", "tty-"], { env: { NO_COLOR: "" } });
      expect(rowOf(empty.stdout, "tty-up")).toContain(`${ESC}32mup${ESC}39m`);
      const dumb = await lubdubInTerminal(server, ["monitors", "list", "--q", "tty-"], { env: { TERM: "dumb" } });
      expect(rowOf(dumb.stdout, "tty-up")).toMatch(/tty-up\s+up\s/);
      expect(dumb.stdout).not.toContain(ESC);
    },
  );

  it("lists by tag, status and name (filters passed to the API), tags in the table", async () => {
    const tagged = { tags: ["cli-backup", "cli-prod"] };
    await lubdubJson(server, ["monitors", "create", "--name", "filter-a", "--interval", "1h", "--data", JSON.stringify(tagged)]);
    await lubdubJson(server, ["monitors", "create", "--name", "filter-b", "--interval", "1h", "--data", '{"tags":["cli-backup"]}']);
    const names = async (args: string[]) =>
      (await lubdubJson(server, ["monitors", "list", ...args])).data.map((m: { name: string }) => m.name).sort();
    expect(await names(["--tag", "cli-backup"])).toEqual(["filter-a", "filter-b"]);
    expect(await names(["--tag", "cli-backup", "cli-prod"])).toEqual(["filter-a"]);
    expect(await names(["--q", "FILTER-B", "--status", "new"])).toEqual(["filter-b"]);
    expect((await lubdub(server, ["monitors", "list", "--status", "sideways"])).code).toBe(1);
    expect((await lubdub(server, ["monitors", "list", "--tag", "cli-prod"])).stdout).toMatch(/filter-a.*cli-backup,cli-prod/);
  });

  it("pings by slug, shows the ping log and a ping's body", async () => {
    await lubdubJson(server, ["monitors", "create", "--name", "pinged", "--slug", "pinged", "--interval", "1h"]);
    expect((await lubdub(server, ["ping", "pinged", "--start"])).code).toBe(0);
    const ping = await lubdub(server, ["ping", "pinged", "--body", "-"], { stdin: "all 42 files copied\n" });
    expect(ping).toMatchObject({ code: 0, stdout: "OK\n" });
    const log = await lubdubJson(server, ["pings", "pinged"]);
    expect(log.data.map((p: { kind: string }) => p.kind)).toEqual(["success", "start"]);
    const body = await lubdub(server, ["pings", "pinged", "--body", String(log.data[0].n)]);
    expect(body.stdout).toBe("all 42 files copied\n");
    expect((await lubdubJson(server, ["monitors", "show", "pinged"])).status).toBe("up");
  });

  it("lists alerts, manages channels", async () => {
    expect((await lubdubJson(server, ["alerts", "list", "--status", "open"])).data).toEqual(expect.any(Array));
    const channel = await lubdubJson(server, [
      "channels",
      "create",
      "--type",
      "webhook",
      "--name",
      "tmp-hook",
      "--webhook-url",
      "http://127.0.0.1:9/x",
    ]);
    expect((await lubdubJson(server, ["channels", "edit", "tmp-hook", "--name", "tmp-hook-2"])).name).toBe("tmp-hook-2");
    expect((await lubdubJson(server, ["channels", "show", channel.id])).name).toBe("tmp-hook-2");
    expect((await lubdubJson(server, ["channels", "list"])).data.map((c: { id: string }) => c.id)).toContain(channel.id);
    expect((await lubdub(server, ["channels", "delete", "tmp-hook-2"])).code).toBe(0);
  });
});

describe("lubdub CLI: teams, keys, me, login", () => {
  it("creates a team and a key, acts with the key, revokes it, deletes the team", async () => {
    const team = await lubdubJson(server, ["teams", "create", "--name", "payments"]);
    expect((await lubdubJson(server, ["teams", "list"])).data.map((t: { id: string }) => t.id)).toContain(team.id);
    const key = await lubdubJson(server, ["--team", team.id, "keys", "create", "--name", "ci", "--scope", "write"]);
    expect(key.key).toMatch(/^lbd_/);
    const asKey = { env: { LUBDUB_API_KEY: key.key } };
    expect(await lubdubJson(server, ["me"], asKey)).toMatchObject({ kind: "key", scope: "write", team: { id: team.id } });
    expect((await lubdubJson(server, ["keys", "list"], asKey)).data).toEqual([expect.objectContaining({ id: key.id, prefix: key.prefix })]);
    expect((await lubdubJson(server, ["teams", "edit", team.id, "--name", "payments-eu"])).name).toBe("payments-eu");
    expect((await lubdub(server, ["keys", "revoke", key.id])).code).toBe(0);
    expect((await lubdub(server, ["me"], asKey)).code).toBe(1);
    expect((await lubdub(server, ["teams", "delete", team.id])).code).toBe(0);
  });

  it("login checks the key and writes a 0600 config file that later commands use", async () => {
    const home = emptyConfigHome();
    const env = { XDG_CONFIG_HOME: home, LUBDUB_URL: undefined, LUBDUB_API_KEY: undefined };
    const login = await lubdub(null, ["login", "--url", server.url, "--key", server.token], { env });
    expect(login.code).toBe(0);
    const file = join(home, "lubdub", "config.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ url: server.url, key: server.token });
    expect((await lubdub(null, ["--json", "me"], { env })).stdout).toContain('"super_admin"');
    expect(
      (await lubdub(null, ["login", "--url", server.url, "--key", "wrong"], { env: { XDG_CONFIG_HOME: emptyConfigHome() } })).code,
    ).toBe(1);
  });
});

describe("lubdub CLI: errors and exit codes", () => {
  it("an API error exits 1 and names the field", async () => {
    const bad = await lubdub(server, ["monitors", "create", "--name", "bad", "--interval", "often"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/invalid_request/);
    expect(bad.stderr).toMatch(/^\s+interval: /m);
  });

  it("usage errors exit 2", async () => {
    for (const args of [
      ["bogus"],
      ["monitors", "create", "--nope"],
      ["monitors", "show"],
      ["monitors", "create", "--name", "x", "--data", "{not json"],
    ]) {
      const result = await lubdub(server, args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(/error/);
    }
    expect((await lubdub(null, ["monitors", "list"])).code).toBe(2); // no URL configured
    expect((await lubdub(server, ["--help"])).code).toBe(0);
  });

  it("an unreachable server exits 3", async () => {
    const result = await lubdub(server, ["--url", `http://127.0.0.1:${await freePort()}`, "monitors", "list"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("cannot reach lubdub");
  });
});
