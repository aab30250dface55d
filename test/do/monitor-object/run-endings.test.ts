import { describe, expect, it } from "vitest";
import { advanceTo, alerts, api, createMonitor, ping, S, setNow, settle, T0, useFakeClock } from "../../helpers";

/**
 * Every state a job can leave a monitor in has a way back to `up`, and no end of a run is lost: a run
 * left open by an end that named no run (or another one) would time out later, a false alert.
 */
const RID_A = "aaaaaaaa-1111-4111-8111-111111111111";
const RID_B = "bbbbbbbb-2222-4222-8222-222222222222";

useFakeClock(T0);

const get = async (id: string) => (await api("GET", `/api/v1/monitors/${id}`)).body;
const pings = async (id: string) => (await api("GET", `/api/v1/monitors/${id}/pings`)).body.data;

describe("an end without a matching rid ends the newest open run", () => {
  it("/start?rid=A then a plain success: up, and no timeout alert after max_runtime", async () => {
    const monitor = await createMonitor({ interval: "1h", max_runtime: "5m" });
    await ping(`${monitor.ping_url}/start?rid=${RID_A}`);
    setNow(T0 + 30 * S);
    expect((await ping(monitor.ping_url)).status).toBe(200);
    expect(await get(monitor.id)).toMatchObject({ status: "up", next_due_at: new Date(T0 + 30 * S + 3600 * S).toISOString() });
    await advanceTo(monitor.id, T0 + 600 * S);
    expect((await get(monitor.id)).status).toBe("up");
    expect(await alerts(monitor.id)).toEqual([]);
  });

  it("/start?rid=A then /fail?rid=B: down for the failure (not a timeout), and a success brings it back up", async () => {
    const monitor = await createMonitor({ interval: "1h", max_runtime: "5m" });
    await ping(`${monitor.ping_url}/start?rid=${RID_A}`);
    setNow(T0 + 10 * S);
    await ping(`${monitor.ping_url}/fail?rid=${RID_B}`);
    await advanceTo(monitor.id, T0 + 600 * S);
    expect(await alerts(monitor.id)).toEqual([expect.objectContaining({ reason: "failed", status: "open" })]);
    setNow(T0 + 700 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect((await get(monitor.id)).status).toBe("up");
    expect(await alerts(monitor.id)).toEqual([expect.objectContaining({ reason: "failed", status: "closed", close_reason: "ping" })]);
  });

  it("/start without rid then a success with a rid ends that run", async () => {
    const monitor = await createMonitor({ interval: "1h", max_runtime: "5m" });
    await ping(`${monitor.ping_url}/start`);
    setNow(T0 + 10 * S);
    await ping(`${monitor.ping_url}?rid=${RID_A}`);
    await advanceTo(monitor.id, T0 + 600 * S);
    expect((await get(monitor.id)).status).toBe("up");
    expect(await alerts(monitor.id)).toEqual([]);
  });

  it("overlapping runs: each plain success ends the newest run still open; the last brings the monitor up", async () => {
    const monitor = await createMonitor({ interval: "1h", max_runtime: "5m" });
    await ping(`${monitor.ping_url}/start?rid=${RID_A}`);
    setNow(T0 + 10 * S);
    await ping(`${monitor.ping_url}/start?rid=${RID_B}`);
    setNow(T0 + 20 * S);
    await ping(monitor.ping_url);
    // B (the newest) ended; A still runs and keeps its own deadline.
    expect(await get(monitor.id)).toMatchObject({ status: "running", next_due_at: new Date(T0 + 300 * S).toISOString() });
    setNow(T0 + 30 * S);
    await ping(monitor.ping_url);
    expect((await get(monitor.id)).status).toBe("up");
    await advanceTo(monitor.id, T0 + 600 * S);
    expect(await alerts(monitor.id)).toEqual([]);
  });

  it("a duration is recorded only for the run the ping names", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await ping(`${monitor.ping_url}/start?rid=${RID_A}`);
    setNow(T0 + 5 * S);
    await ping(monitor.ping_url);
    await ping(`${monitor.ping_url}/start?rid=${RID_B}`);
    setNow(T0 + 12 * S);
    await ping(`${monitor.ping_url}?rid=${RID_B}`);
    const [namedEnd, , unnamedEnd] = await pings(monitor.id);
    expect(unnamedEnd).toMatchObject({ kind: "success", rid: null, duration: null });
    expect(namedEnd).toMatchObject({ kind: "success", rid: RID_B, duration: 7 });
  });
});

describe("which pings resume a paused monitor", () => {
  const pausedMonitor = async (fields: Record<string, unknown> = {}) => {
    const monitor = await createMonitor({ interval: "1h", ...fields });
    await api("POST", `/api/v1/monitors/${monitor.id}/pause`);
    return monitor;
  };

  it.each(["/start", `/start?rid=${RID_A}`, "/log"])("%s is logged but leaves the monitor paused", async (suffix) => {
    const monitor = await pausedMonitor();
    setNow(T0 + 10 * S);
    expect((await ping(`${monitor.ping_url}${suffix}`)).status).toBe(200);
    await settle(monitor.id);
    expect(await get(monitor.id)).toMatchObject({ status: "paused", enabled: false });
    expect((await api("GET", "/api/v1/monitors")).body.data.find((m: { id: string }) => m.id === monitor.id)).toMatchObject({
      status: "paused",
      enabled: false,
    });
    expect((await pings(monitor.id))[0]).toMatchObject({ kind: suffix === "/log" ? "log" : "start", note: "monitor paused: logged only" });
    // Nothing is watched: no run deadline, no alert.
    await advanceTo(monitor.id, T0 + 7200 * S);
    expect(await alerts(monitor.id)).toEqual([]);
  });

  it.each(["", "/0"])("a success (%s) resumes it: up, timer running", async (suffix) => {
    const monitor = await pausedMonitor();
    setNow(T0 + 10 * S);
    await ping(`${monitor.ping_url}${suffix}`);
    await settle(monitor.id);
    expect(await get(monitor.id)).toMatchObject({ status: "up", enabled: true, next_due_at: new Date(T0 + 3610 * S).toISOString() });
  });

  it.each(["/fail", "/3"])("a failure (%s) resumes it as down and alerts; the next success closes the alert", async (suffix) => {
    const monitor = await pausedMonitor();
    setNow(T0 + 10 * S);
    await ping(`${monitor.ping_url}${suffix}`);
    await settle(monitor.id);
    expect(await get(monitor.id)).toMatchObject({ status: "down", enabled: true });
    expect(await alerts(monitor.id)).toEqual([expect.objectContaining({ reason: "failed", status: "open" })]);
    setNow(T0 + 20 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect((await get(monitor.id)).status).toBe("up");
  });

  it("a /start while paused, then a success: the success resumes it and the monitor is up, not running", async () => {
    const monitor = await pausedMonitor({ max_runtime: "5m" });
    await ping(`${monitor.ping_url}/start`);
    setNow(T0 + 10 * S);
    await ping(monitor.ping_url);
    await advanceTo(monitor.id, T0 + 600 * S);
    expect((await get(monitor.id)).status).toBe("up");
    expect(await alerts(monitor.id)).toEqual([]);
  });
});
