import { describe, expect, it } from "vitest";
import { runLubdub } from "../../cli/main";
import { freePort } from "../e2e/dev-server";
import { lubdub, useTeam } from "./helpers";

// cli/main.ts: how a command line's outcome becomes an exit code (0 ok, 1 API error, 2 usage error,
// 3 unreachable, 70 internal error) and a message on stderr; in-process, against the real dev server.
const server = useTeam("cli-main");

describe("lubdub: errors and exit codes", () => {
  it("an API error exits 1 and names the field", async () => {
    const bad = await lubdub(server(), ["monitors", "create", "--name", "bad", "--interval", "often"]);
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
      const result = await lubdub(server(), args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(/error/);
    }
    expect((await lubdub(null, ["monitors", "list"])).code).toBe(2); // no URL configured
    expect((await lubdub(server(), ["--help"])).code).toBe(0);
  });

  it("an unreachable server exits 3", async () => {
    const result = await lubdub(server(), ["--url", `http://127.0.0.1:${await freePort()}`, "monitors", "list"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("cannot reach lubdub");
  });

  it("an unexpected error (here the output stream failing) exits 70, internal error, with its message: not 1, an API error", async () => {
    const failingStdout = {
      write: () => {
        throw new Error("EPIPE: the reader went away");
      },
    };
    let stderr = "";
    const code = await runLubdub([process.execPath, "lubdub", "schema"], {
      stdout: failingStdout,
      stderr: { write: (text) => (stderr += text) },
    });
    expect(code).toBe(70);
    expect(stderr).toMatch(/^error: internal error in lubdub \(please report it\): Error: EPIPE: the reader went away\n/);
  });
});
