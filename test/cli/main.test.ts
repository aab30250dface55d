import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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

  it("a 429 says how long to wait, from Retry-After", async () => {
    // A stand-in server answering as lubdub's rate limiter does (src/rate-limit.ts): the real one would lock out
    // every test's address for a minute.
    const limiter = createServer((_req, res) => {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "42" });
      res.end(JSON.stringify({ error: { code: "rate_limited", message: "too many failed authentications", details: [] } }));
    });
    await new Promise<void>((resolve) => limiter.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(limiter.address() as AddressInfo).port}`;
      const result = await lubdub(null, ["monitors", "list"], { env: { LUBDUB_URL: url, LUBDUB_API_KEY: "k" } });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe("error: too many failed authentications (rate_limited, HTTP 429): try again in 42 s\n");
    } finally {
      limiter.close();
    }
  });

  it("a server URL without its scheme exits 2 with the URL it probably meant", async () => {
    for (const url of ["127.0.0.1:8787", "localhost:8787", "lubdub.example.com"]) {
      const login = await lubdub(null, ["login", "--url", url, "--key", "k"]);
      expect(login.code, url).toBe(2);
      expect(login.stderr, url).toMatch(
        /^error: the lubdub URL must start with http:\/\/ or https:\/\/: .* \(did you mean https?:\/\/.*\?\)\n$/,
      );
      expect((await lubdub(null, ["--url", url, "monitors", "list"], { env: { LUBDUB_API_KEY: "k" } })).code, url).toBe(2);
    }
    expect((await lubdub(null, ["login", "--url", "127.0.0.1:8787", "--key", "k"])).stderr).toContain(
      "(did you mean http://127.0.0.1:8787?)",
    );
  });
});
