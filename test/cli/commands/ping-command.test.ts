import { describe, expect, it } from "vitest";
import { lubdub, lubdubJson, useTeam } from "../helpers";

// `lubdub ping`, run in-process against the real dev server: what a failing ping says on stderr.
const server = useTeam("cli-ping");

describe("lubdub ping", () => {
  it("a ping that is not accepted names the slug it pinged", async () => {
    const result = await lubdub(server(), ["ping", "no-such-slug"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("error: ping no-such-slug not accepted: 404 not found\n");
  });

  it("a ping URL that is not accepted is named too", async () => {
    const monitor = await lubdubJson(server(), ["monitors", "create", "--name", "by-url", "--interval", "1h"]);
    const wrong = `${monitor.ping_url}0`;
    const result = await lubdub(server(), ["ping", wrong]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: ping ${wrong} not accepted: 404 not found\n`);
  });

  it("--exit out of 0-255 is a one-line usage error, not the server's raw JSON", async () => {
    await lubdubJson(server(), ["monitors", "create", "--name", "exits", "--slug", "exits", "--interval", "1h"]);
    const result = await lubdub(server(), ["ping", "exits", "--exit", "300"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: --exit must be an exit code from 0 to 255: 300\n");
  });
});
