import { describe, expect, it } from "vitest";
import { lubdub, lubdubJson, useTeam } from "../helpers";

// `lubdub ping` and `lubdub pings`, run in-process against the real dev server: a ping by slug (the team's
// ping key looked up), its body from standard input, the ping log and a ping's body as received.
const server = useTeam("cli-pings");

describe("lubdub ping, lubdub pings", () => {
  it("pings by slug, shows the ping log and a ping's body", async () => {
    await lubdubJson(server(), ["monitors", "create", "--name", "pinged", "--slug", "pinged", "--interval", "1h"]);
    expect((await lubdub(server(), ["ping", "pinged", "--start"])).code).toBe(0);
    const ping = await lubdub(server(), ["ping", "pinged", "--body", "-"], { stdin: "all 42 files copied\n" });
    expect(ping).toMatchObject({ code: 0, stdout: "OK\n" });
    const log = await lubdubJson(server(), ["pings", "pinged"]);
    expect(log.data.map((p: { kind: string }) => p.kind)).toEqual(["success", "start"]);
    const body = await lubdub(server(), ["pings", "pinged", "--body", String(log.data[0].n)]);
    expect(body.stdout).toBe("all 42 files copied\n");
    expect((await lubdubJson(server(), ["monitors", "show", "pinged"])).status).toBe("up");
  });
});
