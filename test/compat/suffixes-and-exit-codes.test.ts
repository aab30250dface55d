/**
 * Suffixes and exit codes, from healthchecks.io's Pinging API docs (success, /start, /fail, /log,
 * /<exit-status> 0-255) and "Signaling failures", and hc/api/tests/test_ping.py.
 */
import { describe, expect, it } from "vitest";
import { api, createMonitor, createWebhookChannel, interceptFetch, ORIGIN, S, setNow, settle, T0, useFakeClock } from "../helpers";
import { alertsOf, monitorView, pingLog, send } from "./compat-helpers";

useFakeClock(T0);

describe("what each suffix means", () => {
  // [suffix, kind logged, exit status logged, status after, alert reason or null]
  it.each([
    ["", "success", null, "up", null], // test_it_works
    ["/", "success", null, "up", null], // the hc-ping-slash route: /ping/<uuid>/ is a success ping
    ["/0", "success", 0, "up", null], // test_zero_exit_status_works
    ["/000", "success", 0, "up", null], // <int:exitstatus> reads decimal digits: leading zeros are allowed
    ["/fail", "fail", null, "down", "failed"], // test_fail_endpoint_works
    ["/1", "fail", 1, "down", "failed"],
    ["/007", "fail", 7, "down", "failed"],
    ["/123", "fail", 123, "down", "failed"], // test_nonzero_exit_status_works
    ["/255", "fail", 255, "down", "failed"],
    ["/start", "start", null, "running", null], // test_start_endpoint_works
  ])("%j: logged as %s (exit status %s), status %s", async (suffix, kind, exitStatus, status, reason) => {
    const monitor = await createMonitor({ interval: "1h" });
    const res = await send(`${monitor.ping_url}${suffix}`);
    expect(res).toMatchObject({ status: 200, text: "OK" });
    expect(await pingLog(monitor.id)).toEqual([expect.objectContaining({ kind, exit_status: exitStatus })]);
    expect((await monitorView(monitor.id)).status).toBe(status);
    const alerts = await alertsOf(monitor.id);
    expect(alerts.map((a) => [a.reason, a.status])).toEqual(reason ? [[reason, "open"]] : []);
  });

  // test_start_endpoint_works: healthchecks leaves last_ping alone on a start. lubdub's last_ping_at is the last
  // ping of any kind but /log, so a job that starts and hangs shows when it was last heard of (a deliberate difference).
  it("/start moves last_ping_at but not the interval timer", async () => {
    const monitor = await createMonitor({ interval: "1h", max_runtime: "10m" });
    await send(monitor.ping_url);
    setNow(T0 + 60 * S);
    await send(`${monitor.ping_url}/start`);
    expect(await monitorView(monitor.id)).toMatchObject({
      status: "running",
      last_ping_at: new Date(T0 + 60 * S).toISOString(),
      next_due_at: new Date(T0 + 660 * S).toISOString(),
    });
  });

  // test_it_rejects_exit_status_over_255: 400, and nothing is recorded.
  it.each(["/256", "/1000", "/99999999999999999999"])("%s is a 400 that names the problem and changes nothing", async (suffix) => {
    const monitor = await createMonitor({ interval: "1h" });
    const res = await send(`${monitor.ping_url}${suffix}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: { message: expect.stringContaining("255") } });
    expect(await monitorView(monitor.id)).toMatchObject({ status: "new", last_ping_at: null });
    expect(await pingLog(monitor.id)).toEqual([]);
  });

  // healthchecks has no route for these and answers 404; lubdub answers 400 naming the suffixes it knows
  // (a deliberate difference: the token is right, the suffix is not).
  it.each(["/-1", "/abc", "/1.5", "/+1", "/START", "/Fail", "/success"])("%s is a 400 naming the known suffixes", async (suffix) => {
    const monitor = await createMonitor({ interval: "1h" });
    const res = await send(`${monitor.ping_url}${suffix}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: "invalid_signal", message: expect.stringContaining("start, fail, log") } });
    expect(await pingLog(monitor.id)).toEqual([]);
  });
});

describe("tokens that name nothing", () => {
  // test_it_handles_missing_check, test_it_handles_bad_uuid: 404 "not found", whatever the suffix.
  it.each([
    ["an unknown token", "a".repeat(52)],
    ["a malformed token", "not-a-token"],
    ["a token one character short", "a".repeat(51)],
  ])("%s is 404 not found with any suffix", async (_label, token) => {
    for (const suffix of ["", "/", "/start", "/fail", "/log", "/0", "/1"]) {
      expect(await send(`${ORIGIN}/ping/${token}${suffix}`), suffix).toMatchObject({ status: 404, text: "not found" });
    }
  });
});

describe("a deleted monitor", () => {
  it("its token answers 404 not found", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    expect((await send(monitor.ping_url)).status).toBe(200);
    expect((await api("DELETE", `/api/v1/monitors/${monitor.id}`)).status).toBe(204);
    expect(await send(monitor.ping_url)).toMatchObject({ status: 404, text: "not found" });
    expect(await send(`${monitor.ping_url}/fail`)).toMatchObject({ status: 404, text: "not found" });
  });
});

describe("a failure and what follows", () => {
  it("/fail alerts the monitor's channels at once; the next success closes the alert", async () => {
    const channel = await createWebhookChannel();
    const monitor = await createMonitor({ interval: "1h", channels: [channel.id] });
    const { captured } = interceptFetch();
    await send(monitor.ping_url);
    setNow(T0 + 10 * S);
    await send(`${monitor.ping_url}/fail`);
    await settle(monitor.id);
    expect(captured.map((c) => JSON.parse(c.body).type)).toEqual(["alert.opened"]);
    expect(JSON.parse(captured[0]?.body ?? "{}").alert).toMatchObject({ reason: "failed" });
    setNow(T0 + 20 * S);
    await send(`${monitor.ping_url}/0`);
    await settle(monitor.id);
    expect(captured.map((c) => JSON.parse(c.body).type)).toEqual(["alert.opened", "alert.closed"]);
    expect(await alertsOf(monitor.id)).toEqual([expect.objectContaining({ status: "closed", close_reason: "ping" })]);
  });

  it("a second failure while down opens no second alert", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await send(`${monitor.ping_url}/1`);
    setNow(T0 + 5 * S);
    await send(`${monitor.ping_url}/2`);
    setNow(T0 + 6 * S);
    await send(`${monitor.ping_url}/fail`);
    expect(await alertsOf(monitor.id)).toHaveLength(1);
    expect((await pingLog(monitor.id)).map((p) => p.exit_status)).toEqual([null, 2, 1]);
  });
});

describe("/log", () => {
  // test_log_endpoint_works: status stays new, no last ping, no flip; the body is kept.
  it("on a new monitor: kept in the log, status stays new, no last ping, no timer", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    expect(await send(`${monitor.ping_url}/log`, "POST", "step 1 of 3")).toMatchObject({ status: 200, text: "OK" });
    expect(await monitorView(monitor.id)).toMatchObject({ status: "new", last_ping_at: null, next_due_at: null });
    expect(await pingLog(monitor.id)).toEqual([expect.objectContaining({ kind: "log", body_size: 11 })]);
  });

  it("while down: the alert stays open and the status stays down", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await send(`${monitor.ping_url}/fail`);
    setNow(T0 + 30 * S);
    await send(`${monitor.ping_url}/log`, "POST", "retrying");
    expect((await monitorView(monitor.id)).status).toBe("down");
    expect(await alertsOf(monitor.id)).toEqual([expect.objectContaining({ status: "open" })]);
  });

  it("during a run: the run goes on, and its deadline does not move", async () => {
    const monitor = await createMonitor({ interval: "1d", max_runtime: "10m" });
    await send(`${monitor.ping_url}/start`);
    setNow(T0 + 60 * S);
    await send(`${monitor.ping_url}/log`, "POST", "halfway");
    expect(await monitorView(monitor.id)).toMatchObject({ status: "running", next_due_at: new Date(T0 + 600 * S).toISOString() });
  });
});
