import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyConfigHome, lubdub as inProcess, lubdubJson as inProcessJson } from "../cli/helpers";
import { lubdub, lubdubInTerminal, SCRIPT_BIN } from "./cli-helpers";
import { admin, type DevServer, startDevServer, waitFor } from "./dev-server";

// The `lubdub` binary itself, spawned as a user runs it, against the real dev server: what only a real
// process shows (colour at a terminal, the config file login writes, the bundle applying a file). The other
// commands run in-process in test/cli/; `lubdub run` is in test/e2e/cli-run.test.ts.
let server: DevServer;
if (!SCRIPT_BIN) console.warn("test/e2e/cli-binary.test.ts: script (util-linux) is not installed: the terminal colour test is skipped");
beforeAll(async () => {
  server = await startDevServer();
}, 60_000);
afterAll(async () => server?.stop());

/** The table row naming `name`. */
const rowOf = (table: string, name: string) => table.split("\n").find((row) => row.includes(` ${name} `)) ?? `(no row for ${name})`;

describe("lubdub, the binary", () => {
  it.skipIf(!SCRIPT_BIN)(
    "colours the status word at a terminal (a pseudo-terminal, by `script`), not with NO_COLOR or TERM=dumb",
    async () => {
      await inProcessJson(server, ["monitors", "create", "--name", "tty-new", "--interval", "1h"]);
      await inProcessJson(server, ["monitors", "create", "--name", "tty-up", "--slug", "tty-up", "--interval", "1h"]);
      expect((await inProcess(server, ["ping", "tty-up"])).code).toBe(0);
      // The list is read from D1, which hears of the new status just after the ping.
      const listedUp = async () => (await inProcessJson(server, ["monitors", "list", "--q", "tty-up", "--status", "up"])).data.length === 1;
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

  it("applies a file (YAML, a secret from the environment), and a second apply changes nothing", async () => {
    const path = join(emptyConfigHome(), "lubdub.yaml");
    writeFileSync(
      path,
      "channels:\n  ops:\n    type: ntfy\n    topic: lubdub-binary\n    token: {env: NTFY_TOKEN}\nmonitors:\n  nightly:\n    interval: 1d\n    grace: 30m\n    channels: [ops]\n",
    );
    const env = { env: { NTFY_TOKEN: "tk_abcdefghijklmnopqrstuvwxyz" } };
    const first = await lubdub(server, ["apply", path], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe("created channel ops\ncreated monitor nightly\nApplied 2 change(s).\n");
    const { body } = await admin(server, "GET", "/api/v1/monitors?limit=100");
    expect(body.data).toContainEqual(expect.objectContaining({ slug: "nightly", interval: 86400, grace: 1800 }));
    const second = await lubdub(server, ["apply", path], env);
    expect(second).toMatchObject({ code: 0, stdout: "No changes.\n" });
  });
});
