import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { killGroup } from "../../scripts/harness/dev-server.mjs";
import { snapshotProject } from "../faults/crash-support";
import { freePort, newStateFolder, waitFor } from "./dev-server";

// `npm run dev` as the README's Quick start runs it, from a copy of the project with no .dev.vars, on a
// fresh state folder (scripts/dev.mjs). It once printed 224 lines (wrangler's migration table eight times)
// before the admin token; now one line per migration applied, then a short banner.

const copy = snapshotProject();
const persist = newStateFolder();
const migrations = readdirSync("migrations").filter((name) => name.endsWith(".sql"));
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) await killGroup(child.pid ?? 0);
  rmSync(copy, { recursive: true, force: true });
  rmSync(persist, { recursive: true, force: true });
});

/** `npm run dev -- <args>` in the copy; `output()` is all it printed (stdout and stderr, as a terminal shows them). */
function npmRunDev(args: string[]) {
  const child = spawn("npm", ["run", "dev", "--", ...args], { cwd: copy, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** Starts it, waits for its banner (before any request is sent), and stops it once `check` has run. */
async function bannerOfRun(check: (lines: string[], url: string) => Promise<void>) {
  const [port, inspector] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const args = ["--port", String(port), "--inspector-port", String(inspector), "--persist-to", persist, "--log-level", "info"];
  const run = npmRunDev(args);
  await waitFor(() => run.output().includes("Ctrl-C stops the server"), 45_000, "the banner").catch((err) => {
    throw new Error(`${err}\n--- npm run dev printed ---\n${run.output()}`);
  });
  // What a person reads before the first request: npm's own header, then ours.
  const lines = run.output().split("\n").slice(0, -1);
  const ours = lines.slice(lines.findIndex((line) => line.startsWith("> node scripts/dev.mjs")) + 2);
  await check(
    ours.filter((line) => !line.startsWith("Open-file limit")),
    url,
  );
  expect(lines.length, run.output()).toBeLessThanOrEqual(migrations.length + 12);
  await killGroup(run.child.pid ?? 0);
}

const banner = (url: string, token: string) => [
  "Starting wrangler dev...",
  "",
  `lubdub is running on ${url}`,
  `  Admin token: ${token}`,
  `  Dashboard:   ${url}/app (sign in with the admin token or a team API key)`,
  `  API docs:    ${url}/api/docs (OpenAPI document: ${url}/api/v1/openapi.json)`,
  "  README:      README.md in this folder (quick start, pings, channels, the CLI)",
  "Requests are logged below; Ctrl-C stops the server.",
];

describe("npm run dev", () => {
  let token = "";

  it("on a fresh clone: a line per migration applied, then the URL, a new admin token that works, and the docs", async () => {
    await bannerOfRun(async (lines, url) => {
      token = /Admin token: (\S+) \(new, saved in \.dev\.vars\)/.exec(lines.join("\n"))?.[1] ?? "";
      expect(lines).toEqual([
        ...migrations.map((name) => `Migration applied: ${name}`),
        ...banner(url, `${token} (new, saved in .dev.vars)`),
      ]);
      expect(readFileSync(join(copy, ".dev.vars"), "utf8")).toBe(`ADMIN_TOKEN=${token}\n`);
      const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect((await fetch(`${url}/api/docs`)).status).toBe(200);
    });
  });

  it("run again on the same state: migrations up to date, the same token", async () => {
    await bannerOfRun(async (lines, url) => {
      expect(lines).toEqual(["Migrations: up to date", ...banner(url, `${token} (ADMIN_TOKEN in .dev.vars)`)]);
    });
  });

  it("when applying the migrations fails, shows wrangler's error and exits with its status", async () => {
    const notAFolder = join(mkdtempSync(join(tmpdir(), "lubdub-dev-")), "file");
    writeFileSync(notAFolder, "");
    const run = npmRunDev(["--persist-to", notAFolder]);
    await waitFor(() => run.child.exitCode !== null, 30_000, "npm run dev to exit");
    expect(run.child.exitCode).not.toBe(0);
    expect(run.output()).toMatch(/ERROR.*ENOTDIR: not a directory/);
    expect(run.output()).toContain("npm run dev: applying the D1 migrations failed; see above.");
  });
});
