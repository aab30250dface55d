import { describe, expect, it } from "vitest";
import { advanceTo, alerts, createMonitor, live, ping, pingLog, S, scheduledAlarm, setNow, settle, T0, useFakeClock } from "../../helpers";

const RID_A = "11111111-1111-4111-8111-111111111111";
const RID_B = "22222222-2222-4222-8222-222222222222";

useFakeClock(T0);

describe("signals on the ping URL", () => {
  it("/start makes the monitor running with a run deadline; success ends the run and records its duration", async () => {
    const monitor = await createMonitor({ interval: "1h", grace: "10m" });
    expect(await (await ping(`${monitor.ping_url}/start`)).text()).toBe("OK");
    expect(await live(monitor.id)).toMatchObject({ status: "running", next_due_at: new Date(T0 + 600 * S).toISOString() });
    setNow(T0 + 42 * S);
    await ping(`${monitor.ping_url}/0`);
    await settle(monitor.id);
    expect(await live(monitor.id)).toMatchObject({ status: "up", next_due_at: new Date(T0 + 42 * S + 3600 * S).toISOString() });
    const [ended, started] = await pingLog(monitor.id);
    expect(started).toMatchObject({ kind: "start", duration: null });
    expect(ended).toMatchObject({ kind: "success", exit_status: 0, duration: 42 });
  });

  it("a run that outlives max_runtime opens an alert with reason timeout", async () => {
    const monitor = await createMonitor({ interval: "1d", max_runtime: "5m" });
    await ping(`${monitor.ping_url}/start`);
    await settle(monitor.id);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 300 * S);
    await advanceTo(monitor.id, T0 + 300 * S - 1);
    expect((await live(monitor.id)).status).toBe("running");
    await advanceTo(monitor.id, T0 + 300 * S);
    expect((await live(monitor.id)).status).toBe("down");
    expect(await alerts(monitor.id)).toEqual([expect.objectContaining({ reason: "timeout", status: "open" })]);
  });

  it("without max_runtime a run may take the grace, or one hour without grace", async () => {
    const withGrace = await createMonitor({ interval: "1d", grace: "20m" });
    const withoutGrace = await createMonitor({ interval: "1d" });
    await ping(`${withGrace.ping_url}/start`);
    await ping(`${withoutGrace.ping_url}/start`);
    expect((await live(withGrace.id)).next_due_at).toBe(new Date(T0 + 1200 * S).toISOString());
    expect((await live(withoutGrace.id)).next_due_at).toBe(new Date(T0 + 3600 * S).toISOString());
  });

  it.each([
    ["/fail", null],
    ["/1", 1],
    ["/255", 255],
  ])("%s takes the monitor down at once with reason failed", async (suffix, exitStatus) => {
    const monitor = await createMonitor({ interval: "1d" });
    await ping(monitor.ping_url);
    setNow(T0 + 10 * S);
    expect((await ping(`${monitor.ping_url}${suffix}`)).status).toBe(200);
    await settle(monitor.id);
    expect((await live(monitor.id)).status).toBe("down");
    expect(await alerts(monitor.id)).toEqual([expect.objectContaining({ reason: "failed", status: "open" })]);
    expect((await pingLog(monitor.id))[0]).toMatchObject({ kind: "fail", exit_status: exitStatus });
    // The next success closes it.
    setNow(T0 + 20 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect((await alerts(monitor.id))[0]).toMatchObject({ status: "closed", close_reason: "ping" });
  });

  it.each(["/256", "/-1", "/abc", "/START", "/1.5"])("%s is a 400 and changes nothing", async (suffix) => {
    const monitor = await createMonitor({ interval: "1d" });
    const res = await ping(`${monitor.ping_url}${suffix}`);
    expect(res.status).toBe(400);
    expect((await res.json()) as object).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(await live(monitor.id)).toMatchObject({ status: "new", last_ping_at: null });
    expect(await pingLog(monitor.id)).toEqual([]);
  });

  it("a malformed rid is a 400", async () => {
    const monitor = await createMonitor({ interval: "1d" });
    expect((await ping(`${monitor.ping_url}/start?rid=not-a-uuid`)).status).toBe(400);
    expect((await live(monitor.id)).status).toBe("new");
  });

  it("/log keeps the body and changes nothing", async () => {
    const monitor = await createMonitor({ interval: "1m" });
    await ping(monitor.ping_url);
    setNow(T0 + 30 * S);
    await ping(`${monitor.ping_url}/log`, "POST", "step 3 of 5 done");
    expect(await live(monitor.id)).toMatchObject({
      status: "up",
      last_ping_at: new Date(T0).toISOString(),
      next_due_at: new Date(T0 + 60 * S).toISOString(),
    });
    expect((await pingLog(monitor.id))[0]).toMatchObject({ kind: "log", body_size: 16 });
  });
});

describe("overlapping runs with ?rid=", () => {
  it("pairs each start with its own end; durations are per run", async () => {
    const monitor = await createMonitor({ interval: "1d", max_runtime: "1h" });
    await ping(`${monitor.ping_url}/start?rid=${RID_A}`);
    setNow(T0 + 10 * S);
    await ping(`${monitor.ping_url}/start?rid=${RID_B}`);
    setNow(T0 + 25 * S);
    await ping(`${monitor.ping_url}?rid=${RID_A}`);
    expect((await live(monitor.id)).status).toBe("running");
    setNow(T0 + 100 * S);
    await ping(`${monitor.ping_url}/0?rid=${RID_B}`);
    expect((await live(monitor.id)).status).toBe("up");
    const [endB, endA] = await pingLog(monitor.id);
    expect(endA).toMatchObject({ rid: RID_A, duration: 25 });
    expect(endB).toMatchObject({ rid: RID_B, duration: 90 });
  });

  it("run ids pair case-insensitively", async () => {
    const monitor = await createMonitor({ interval: "1d" });
    await ping(`${monitor.ping_url}/start?rid=${RID_A.toUpperCase().replace("4111", "4AAA")}`);
    setNow(T0 + 7 * S);
    await ping(`${monitor.ping_url}?rid=${RID_A.replace("4111", "4aaa")}`);
    expect((await pingLog(monitor.id))[0]).toMatchObject({ duration: 7 });
    expect((await live(monitor.id)).status).toBe("up");
  });

  it("a run still open times out on its own deadline even after another ended", async () => {
    const monitor = await createMonitor({ interval: "1d", max_runtime: "1m" });
    await ping(`${monitor.ping_url}/start?rid=${RID_A}`);
    setNow(T0 + 30 * S);
    await ping(`${monitor.ping_url}/start?rid=${RID_B}`);
    setNow(T0 + 40 * S);
    await ping(`${monitor.ping_url}?rid=${RID_B}`);
    await advanceTo(monitor.id, T0 + 60 * S);
    expect(await alerts(monitor.id)).toEqual([expect.objectContaining({ reason: "timeout" })]);
  });
});
