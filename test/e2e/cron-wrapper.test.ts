import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, type DevServer, startDevServer } from "./dev-server";

// Wraps a real shell command the way a crontab line does (the README's snippet): /start, run the job,
// then /$? with the job's output as the body.
const run = promisify(execFile);
const WRAPPER = `
  RID=$(cat /proc/sys/kernel/random/uuid)
  curl -fsS -m 10 --retry 5 -o /dev/null "$PING_URL/start?rid=$RID"
  OUTPUT=$(sh -c "$JOB" 2>&1); STATUS=$?
  printf '%s' "$OUTPUT" | tail -c 100000 | curl -fsS -m 10 --retry 5 -o /dev/null --data-binary @- "$PING_URL/$STATUS?rid=$RID"
`;

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

async function cronRun(pingUrl: string, job: string): Promise<void> {
  await run("bash", ["-c", WRAPPER], { env: { ...process.env, PING_URL: pingUrl, JOB: job }, timeout: 30_000 });
}

describe("a cron job wrapped with /start and /$?", () => {
  it("records duration, exit status and output; a failing job alerts with reason failed", async () => {
    const monitor = await admin(server, "POST", "/api/v1/monitors", { name: "nightly backup", interval: "1d", grace: "1h" });
    await cronRun(monitor.body.ping_url, 'echo "backup done: 42 files"; sleep 1');

    let log = (await admin(server, "GET", `/api/v1/monitors/${monitor.body.id}/pings`)).body.data;
    expect(log.map((p: { kind: string }) => p.kind)).toEqual(["success", "start"]);
    expect(log[0]).toMatchObject({ exit_status: 0, rid: log[1].rid, user_agent: expect.stringContaining("curl") });
    expect(log[0].duration).toBeGreaterThanOrEqual(1);
    expect(log[0].duration).toBeLessThan(10);
    const body = await fetch(log[0].body_url, { headers: { authorization: `Bearer ${server.token}` } });
    expect(await body.text()).toBe("backup done: 42 files");
    expect((await admin(server, "GET", `/api/v1/monitors/${monitor.body.id}`)).body.status).toBe("up");

    await cronRun(monitor.body.ping_url, 'echo "tar: disk full" >&2; exit 3');
    log = (await admin(server, "GET", `/api/v1/monitors/${monitor.body.id}/pings`)).body.data;
    expect(log[0]).toMatchObject({ kind: "fail", exit_status: 3 });
    const failedBody = await fetch(log[0].body_url, { headers: { authorization: `Bearer ${server.token}` } });
    expect(await failedBody.text()).toBe("tar: disk full");
    const status = (await admin(server, "GET", `/api/v1/monitors/${monitor.body.id}`)).body.status;
    expect(status).toBe("down");
    const alerts = (await admin(server, "GET", `/api/v1/monitors/${monitor.body.id}/alerts`)).body.data;
    expect(alerts).toEqual([expect.objectContaining({ reason: "failed", status: "open" })]);
  });
});
