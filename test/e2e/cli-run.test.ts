import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lubdub as inProcess, lubdubJson as inProcessJson } from "../cli/helpers";
import { lubdub } from "./cli-helpers";
import { admin, type DevServer, freePort, startDevServer, waitFor } from "./dev-server";

// `lubdub run`, the cron wrapper, spawned against the real dev server: the command's output passes through,
// its exit code is kept, the pings carry the rid, the exit code and the output's last 10 KB, and a missing
// server changes nothing but a warning. Only `run` is spawned: the commands around it run in-process (test/cli/helpers.ts).
let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
}, 60_000);
afterAll(async () => server?.stop());

async function monitorWithSlug(slug: string) {
  return inProcessJson(server, ["monitors", "create", "--name", slug, "--slug", slug, "--interval", "1h"]);
}
const pingLog = async (id: string) => (await admin(server, "GET", `/api/v1/monitors/${id}/pings`)).body.data;

describe("lubdub run", () => {
  it("a succeeding command: output passed through, start and success paired by rid, output as the body", async () => {
    const monitor = await monitorWithSlug("job-ok");
    const run = await lubdub(server, ["run", "job-ok", "--", "sh", "-c", "echo copied 42 files; echo a warning >&2"]);
    expect(run).toMatchObject({ code: 0, stdout: "copied 42 files\n", stderr: "a warning\n" });
    const [end, start] = await pingLog(monitor.id);
    expect(start).toMatchObject({ kind: "start", rid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(end).toMatchObject({ kind: "success", exit_status: 0, rid: start.rid });
    const body = await inProcess(server, ["pings", "job-ok", "--body", String(end.n)]);
    expect(body.stdout).toContain("copied 42 files\n");
    expect(body.stdout).toContain("a warning\n");
    expect((await inProcessJson(server, ["monitors", "show", "job-ok"])).status).toBe("up");
  });

  it("a failing command keeps its exit code, and the failure opens an alert", async () => {
    const monitor = await monitorWithSlug("job-fail");
    const run = await lubdub(server, ["run", monitor.ping_url, "--", "sh", "-c", "echo 'tar: disk full' >&2; exit 3"]);
    expect(run.code).toBe(3);
    expect((await pingLog(monitor.id))[0]).toMatchObject({ kind: "fail", exit_status: 3 });
    expect((await inProcessJson(server, ["monitors", "show", "job-fail"])).status).toBe("down");
    const alerts = await inProcessJson(server, ["alerts", "list", "--monitor", "job-fail", "--status", "open"]);
    expect(alerts.data).toEqual([expect.objectContaining({ reason: "failed", status: "open" })]);
  });

  it("a command printing 1 MB: all of it passes through, the last 10 KB are sent", async () => {
    const monitor = await monitorWithSlug("job-big");
    const script = "process.stdout.write('x'.repeat(1024 * 1024 - 4) + 'END\\n')";
    const run = await lubdub(server, ["run", "job-big", "--", process.execPath, "-e", script]);
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBe(1024 * 1024);
    const [end] = await pingLog(monitor.id);
    expect(end).toMatchObject({ exit_status: 0, body_size: 10 * 1024 });
    expect((await inProcess(server, ["pings", "job-big", "--body", String(end.n)])).stdout).toBe(`${"x".repeat(10 * 1024 - 4)}END\n`);
  });

  it("a command killed by a signal: exit 128+n, the ping carries it and says so", async () => {
    const monitor = await monitorWithSlug("job-killed");
    const run = await lubdub(server, ["run", "job-killed", "--", "sh", "-c", "echo started; kill -TERM $$"]);
    expect(run.code).toBe(143);
    const [end] = await pingLog(monitor.id);
    expect(end).toMatchObject({ kind: "fail", exit_status: 143 });
    expect((await inProcess(server, ["pings", "job-killed", "--body", String(end.n)])).stdout).toContain("killed by SIGTERM");
  });

  it("forwards SIGTERM to the command, which decides how it ends", async () => {
    const monitor = await monitorWithSlug("job-forward");
    let pid = 0;
    const running = lubdub(
      server,
      ["run", "job-forward", "--", "sh", "-c", 'trap "echo got TERM; exit 7" TERM; echo ready; sleep 30 >/dev/null 2>&1 & wait'],
      {
        started: (started) => (pid = started),
      },
    );
    await waitFor(async () => (await pingLog(monitor.id)).length > 0, 10_000, "the start ping");
    process.kill(pid, "SIGTERM");
    const run = await running;
    expect(run).toMatchObject({ code: 7, stdout: "ready\ngot TERM\n" });
    expect((await pingLog(monitor.id))[0]).toMatchObject({ exit_status: 7 });
  });

  it("a command that cannot start: said on stderr as a shell says it (127, 126), and pinged as a failure with the reason", async () => {
    const monitor = await monitorWithSlug("job-missing");
    const missing = await lubdub(server, ["run", "job-missing", "--", "/no/such/command", "--flag"]);
    expect(missing).toMatchObject({ code: 127, stdout: "", stderr: "lubdub: /no/such/command: command not found\n" });
    const [end] = await pingLog(monitor.id);
    expect(end).toMatchObject({ kind: "fail", exit_status: 127 });
    expect((await inProcess(server, ["pings", "job-missing", "--body", String(end.n)])).stdout).toContain("could not start");

    const notExecutable = new URL("../../package.json", import.meta.url).pathname;
    const denied = await lubdub(server, ["run", "job-missing", "--", notExecutable]);
    expect(denied).toMatchObject({ code: 126, stderr: `lubdub: ${notExecutable}: permission denied\n` });
  });

  it("with lubdub unreachable the command still runs, its exit code is kept, the delay is bounded", async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const run = await lubdub(null, ["run", `${nowhere}/ping/abc`, "--", "sh", "-c", "echo still ran; exit 5"]);
    expect(run).toMatchObject({ code: 5, stdout: "still ran\n" });
    expect(run.stderr).toContain(`ping to ${nowhere}/ping/abc not delivered`);
    // The start ping overlaps the command; after it, lubdub run waits at most 10 s for the pings (the
    // start still retrying, then the end): the whole run ends within 10 s plus Node's start-up.
    expect(run.ms).toBeLessThan(12_000);
    const bySlug = await lubdub(null, ["run", "some-job", "--", "sh", "-c", "exit 4"], {
      env: { LUBDUB_URL: nowhere, LUBDUB_API_KEY: "k" },
    });
    expect(bySlug.code).toBe(4);
    expect(bySlug.stderr).toContain("no pings");
  });
});
