/**
 * Pings to a paused monitor, from hc/api/tests/test_ping.py (test_it_changes_status_of_paused_check,
 * test_start_does_not_change_status_of_paused_check, test_it_handles_manual_resume_flag) and Check.ping in
 * hc/api/models.py (a paused check with manual_resume ignores every ping; a failure makes it down).
 */
import { describe, expect, it } from "vitest";
import { advanceTo, api, createMonitor, createWebhookChannel, interceptFetch, S, setNow, settle, T0, useFakeClock } from "../helpers";
import { alertsOf, monitorView, pingLog, RID_A, send } from "./compat-helpers";

useFakeClock(T0);

/** A monitor that was up, then paused by the admin API. */
async function pausedMonitor(fields: Record<string, unknown> = {}) {
  const monitor = await createMonitor({ interval: "1h", max_runtime: "5m", ...fields });
  await send(monitor.ping_url);
  setNow(T0 + 10 * S);
  expect((await api("POST", `/api/v1/monitors/${monitor.id}/pause`)).status).toBe(200);
  expect(await monitorView(monitor.id)).toMatchObject({ status: "paused", enabled: false });
  setNow(T0 + 20 * S);
  return monitor;
}

describe("a paused monitor, per signal", () => {
  // Only an outcome resumes: a success (up) or a failure (down, alert failed). A start or a log line says
  // nothing of how the job went (healthchecks: a start leaves a paused check paused; /log changes nothing).
  it.each([
    ["", "up", true, null],
    ["/0", "up", true, null],
    ["/fail", "down", true, "failed"],
    ["/2", "down", true, "failed"],
    ["/start", "paused", false, null],
    [`/start?rid=${RID_A}`, "paused", false, null],
    ["/log", "paused", false, null],
  ])("%j: status %s, enabled %s, alert %s", async (suffix, status, enabled, reason) => {
    const monitor = await pausedMonitor();
    expect(await send(`${monitor.ping_url}${suffix}`)).toMatchObject({ status: 200, text: "OK" });
    expect(await monitorView(monitor.id)).toMatchObject({ status, enabled });
    expect((await pingLog(monitor.id)).length).toBe(2);
    // A monitor left paused never alerts, whatever time passes; a resumed one keeps its new status.
    await advanceTo(monitor.id, T0 + 20 * S + 10 * 60 * S);
    const alerts = await alertsOf(monitor.id);
    expect(alerts.map((a) => [a.reason, a.status])).toEqual(reason ? [[reason, "open"]] : []);
    expect((await monitorView(monitor.id)).status).toBe(status);
  });

  it("a /start to a paused monitor resumes nothing; the success that follows resumes it, up, with no timeout later", async () => {
    const monitor = await pausedMonitor();
    await send(`${monitor.ping_url}/start?rid=${RID_A}`);
    setNow(T0 + 60 * S);
    await send(`${monitor.ping_url}?rid=${RID_A}`);
    expect(await monitorView(monitor.id)).toMatchObject({
      status: "up",
      enabled: true,
      next_due_at: new Date(T0 + 60 * S + 3600 * S).toISOString(),
    });
    await advanceTo(monitor.id, T0 + 60 * S + 3600 * S - 1);
    expect(await alertsOf(monitor.id)).toEqual([]);
  });

  it("a failure to a paused monitor alerts its channels", async () => {
    const channel = await createWebhookChannel("http://receiver.test/paused");
    const monitor = await pausedMonitor({ channels: [channel.id] });
    const { captured } = interceptFetch();
    await send(`${monitor.ping_url}/1`);
    await settle(monitor.id);
    expect(captured.map((c) => JSON.parse(c.body).type)).toEqual(["alert.opened"]);
  });
});

describe("a paused monitor with manual_resume", () => {
  // test_it_handles_manual_resume_flag: the ping answers 200 and is kept as ignored ("ign"), the check stays
  // paused, and its last ping stays the one before the pause.
  it.each(["", "/0", "/fail", "/7", "/start", "/log"])("%j answers 200 OK, is logged as ignored, and changes nothing", async (suffix) => {
    const monitor = await pausedMonitor({ manual_resume: true });
    expect(await send(`${monitor.ping_url}${suffix}`, "POST", "job output")).toMatchObject({ status: 200, text: "OK" });
    expect(await monitorView(monitor.id)).toMatchObject({ status: "paused", enabled: false, last_ping_at: new Date(T0).toISOString() });
    const [ignored, ...older] = await pingLog(monitor.id);
    expect(older).toHaveLength(1);
    expect(ignored).toMatchObject({ kind: "ignored", note: "monitor paused with manual_resume: ignored", body_size: 10 });
    await advanceTo(monitor.id, T0 + 2 * 3600 * S);
    expect(await alertsOf(monitor.id)).toEqual([]);
    expect((await monitorView(monitor.id)).status).toBe("paused");
  });

  it("resumes only by the admin API, back to new; the next success makes it up and counts as its last ping", async () => {
    const monitor = await pausedMonitor({ manual_resume: true });
    await send(monitor.ping_url);
    expect((await api("POST", `/api/v1/monitors/${monitor.id}/resume`)).status).toBe(200);
    expect(await monitorView(monitor.id)).toMatchObject({ status: "new", enabled: true, last_ping_at: new Date(T0).toISOString() });
    setNow(T0 + 30 * S);
    await send(monitor.ping_url);
    expect(await monitorView(monitor.id)).toMatchObject({
      status: "up",
      last_ping_at: new Date(T0 + 30 * S).toISOString(),
      next_due_at: new Date(T0 + 30 * S + 3600 * S).toISOString(),
    });
    expect((await pingLog(monitor.id)).map((entry) => entry.kind)).toEqual(["success", "ignored", "success"]);
  });

  it("paused and resumed through PATCH `enabled` walks the same way: ignored while paused, up after", async () => {
    const monitor = await pausedMonitor({ manual_resume: true });
    await send(`${monitor.ping_url}/fail`);
    expect(await alertsOf(monitor.id)).toEqual([]);
    expect((await api("PATCH", `/api/v1/monitors/${monitor.id}`, { enabled: true })).status).toBe(200);
    setNow(T0 + 30 * S);
    await send(monitor.ping_url);
    expect(await monitorView(monitor.id)).toMatchObject({ status: "up", enabled: true, last_ping_at: new Date(T0 + 30 * S).toISOString() });
  });
});
