import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, type DevServer, startDevServer } from "./dev-server";

// Runs the README's own wrapper script (`lubdub-wrap`), as a crontab line would, with POSIX sh: /start,
// run the job, then /$? with the job's output as the body.
const run = promisify(execFile);

/** The wrapper exactly as the README shows it, so the README cannot drift from what is tested. */
function readmeWrapper(): string {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const script = /```sh\n(#!\/bin\/sh\n# \/usr\/local\/bin\/lubdub-wrap [\s\S]*?)```/.exec(readme)?.[1];
  if (!script) throw new Error("README.md has no ```sh block starting with #!/bin/sh and # /usr/local/bin/lubdub-wrap");
  return script;
}

let server: DevServer;
let folder: string;
let wrapper: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "lubdub-wrap-"));
  wrapper = join(folder, "lubdub-wrap");
  writeFileSync(wrapper, readmeWrapper());
  server = await startDevServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** Runs `job` through the wrapper and returns the wrapper's exit status (the job's, for cron to see). */
async function cronRun(pingUrl: string, job: string, path = process.env.PATH): Promise<number> {
  try {
    await run("sh", [wrapper, pingUrl, "sh", "-c", job], { env: { ...process.env, PATH: path }, timeout: 30_000 });
    return 0;
  } catch (err) {
    const { code } = err as { code?: unknown };
    if (typeof code === "number") return code;
    throw err;
  }
}

async function pingLog(monitorId: string) {
  return (await admin(server, "GET", `/api/v1/monitors/${monitorId}/pings`)).body.data;
}

async function loggedBody(url: string): Promise<string> {
  return (await fetch(url, { headers: { authorization: `Bearer ${server.token}` } })).text();
}

describe("a cron job wrapped with the README's lubdub-wrap", () => {
  it("records duration, exit status and output; a failing job alerts with reason failed", async () => {
    const monitor = await admin(server, "POST", "/api/v1/monitors", { name: "nightly backup", interval: "1d", grace: "1h" });
    expect(await cronRun(monitor.body.ping_url, 'echo "backup done: 42 files"; sleep 1')).toBe(0);

    let log = await pingLog(monitor.body.id);
    expect(log.map((p: { kind: string }) => p.kind)).toEqual(["success", "start"]);
    expect(log[0]).toMatchObject({ exit_status: 0, rid: log[1].rid, user_agent: expect.stringContaining("curl") });
    expect(log[0].rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(log[0].duration).toBeGreaterThanOrEqual(1);
    expect(log[0].duration).toBeLessThan(10);
    expect(await loggedBody(log[0].body_url)).toBe("backup done: 42 files");
    expect((await admin(server, "GET", `/api/v1/monitors/${monitor.body.id}`)).body.status).toBe("up");

    expect(await cronRun(monitor.body.ping_url, 'echo "tar: disk full" >&2; exit 3')).toBe(3);
    log = await pingLog(monitor.body.id);
    expect(log[0]).toMatchObject({ kind: "fail", exit_status: 3 });
    expect(await loggedBody(log[0].body_url)).toBe("tar: disk full");
    const status = (await admin(server, "GET", `/api/v1/monitors/${monitor.body.id}`)).body.status;
    expect(status).toBe("down");
    const alerts = (await admin(server, "GET", `/api/v1/monitors/${monitor.body.id}/alerts`)).body.data;
    expect(alerts).toEqual([expect.objectContaining({ reason: "failed", status: "open" })]);
  });

  it("takes its run id from uuidgen where /proc has none (macOS)", async () => {
    // Stand-ins first on PATH: a `cat` that cannot read /proc's uuid, and macOS's upper-case `uuidgen`.
    const bin = mkdtempSync(join(folder, "bin-"));
    writeFileSync(join(bin, "cat"), "#!/bin/sh\nexit 1\n");
    writeFileSync(join(bin, "uuidgen"), "#!/bin/sh\necho 3F2504E0-4F89-41D3-9A0C-0305E82C3301\n");
    for (const tool of ["cat", "uuidgen"]) chmodSync(join(bin, tool), 0o755);
    const monitor = await admin(server, "POST", "/api/v1/monitors", { name: "mac backup", interval: "1d", grace: "1h" });

    expect(await cronRun(monitor.body.ping_url, "echo done", `${bin}:${process.env.PATH}`)).toBe(0);

    const log = await pingLog(monitor.body.id);
    expect(log.map((p: { kind: string; rid: string }) => [p.kind, p.rid])).toEqual([
      ["success", "3f2504e0-4f89-41d3-9a0c-0305e82c3301"],
      ["start", "3f2504e0-4f89-41d3-9a0c-0305e82c3301"],
    ]);
    expect(log[0]).toMatchObject({ exit_status: 0 });
    expect((await admin(server, "GET", `/api/v1/monitors/${monitor.body.id}`)).body.status).toBe("up");
  });
});
