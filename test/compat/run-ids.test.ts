/**
 * Run ids (`?rid=`), from healthchecks.io's "Measuring script run time" docs (a start and its end share a
 * rid; ends pair with their own start when runs overlap) and hc/api/tests/test_ping.py.
 */
import { describe, expect, it } from "vitest";
import { advanceTo, createMonitor, S, setNow, T0, useFakeClock } from "../helpers";
import { alertsOf, monitorView, pingLog, RID_A, RID_B, RID_C, send } from "./compat-helpers";

useFakeClock(T0);

const MAX_RUNTIME = 300;

/** A monitor with one run open: started at T0 with `rid` ("" for none), max_runtime 5 minutes. */
async function runningMonitor(rid: string) {
  const monitor = await createMonitor({ interval: "1d", max_runtime: `${MAX_RUNTIME}s` });
  expect((await send(`${monitor.ping_url}/start${rid ? `?rid=${rid}` : ""}`)).status).toBe(200);
  expect((await monitorView(monitor.id)).status).toBe("running");
  return monitor;
}

describe("the end of a run", () => {
  // test_it_clears_last_ping_and_sets_last_duration_if_rid_matches; without rids, test_it_sets_last_duration.
  it.each([
    ["the same rid", RID_A, RID_A],
    ["the same rid in other letter case", RID_A.toUpperCase(), RID_A],
    ["no rid on either", "", ""],
  ])("a start and a success with %s: status up, duration measured", async (_label, startRid, endRid) => {
    const monitor = await runningMonitor(startRid);
    setNow(T0 + 42 * S);
    await send(`${monitor.ping_url}${endRid ? `?rid=${endRid}` : ""}`);
    expect((await monitorView(monitor.id)).status).toBe("up");
    expect((await pingLog(monitor.id))[0]).toMatchObject({ kind: "success", duration: 42 });
    await advanceTo(monitor.id, T0 + (MAX_RUNTIME + 60) * S);
    expect(await alertsOf(monitor.id)).toEqual([]);
  });

  // test_it_clears_last_ping_if_rid_is_absent: a success without rid ends the run (no duration: it named none).
  // lubdub also ends the newest run on a success whose rid matches none (healthchecks keeps its start there:
  // test_it_does_not_update_last_ping_on_rid_mismatch), so a job that reported success never times out.
  it.each([
    ["without rid", ""],
    ["with a rid that matches no run", `?rid=${RID_C}`],
  ])("start?rid=A, then a success %s: up, and no timeout alert after max_runtime", async (_label, query) => {
    const monitor = await runningMonitor(RID_A);
    setNow(T0 + 30 * S);
    expect((await send(`${monitor.ping_url}${query}`)).status).toBe(200);
    expect((await monitorView(monitor.id)).status).toBe("up");
    expect((await pingLog(monitor.id))[0]).toMatchObject({ kind: "success", duration: null });
    await advanceTo(monitor.id, T0 + (MAX_RUNTIME + 60) * S);
    expect((await monitorView(monitor.id)).status).toBe("up");
    expect(await alertsOf(monitor.id)).toEqual([]);
  });

  // test_it_clears_last_ping_on_failure: any failure ends the run, whatever its rid. Run A must not linger:
  // once the next run succeeds, the monitor is up and nothing times out.
  it.each([
    ["/fail with another rid", `/fail?rid=${RID_B}`, null],
    ["/fail without rid", "/fail", null],
    ["an exit status with another rid", `/3?rid=${RID_B}`, 3],
  ])("start?rid=A, then %s: down for the failure; the next run's success leaves nothing to time out", async (_label, rest, exitStatus) => {
    const monitor = await runningMonitor(RID_A);
    setNow(T0 + 30 * S);
    await send(`${monitor.ping_url}${rest}`);
    expect((await monitorView(monitor.id)).status).toBe("down");
    expect((await pingLog(monitor.id))[0]).toMatchObject({ kind: "fail", exit_status: exitStatus });
    expect(await alertsOf(monitor.id)).toEqual([expect.objectContaining({ reason: "failed", status: "open" })]);
    setNow(T0 + 60 * S);
    await send(`${monitor.ping_url}/start?rid=${RID_C}`);
    setNow(T0 + 90 * S);
    await send(`${monitor.ping_url}/0?rid=${RID_C}`);
    expect((await monitorView(monitor.id)).status).toBe("up");
    await advanceTo(monitor.id, T0 + (MAX_RUNTIME + 60) * S);
    expect((await monitorView(monitor.id)).status).toBe("up");
    expect(await alertsOf(monitor.id)).toEqual([expect.objectContaining({ reason: "failed", status: "closed", close_reason: "ping" })]);
  });

  it("a run nobody ends times out after max_runtime with reason timeout", async () => {
    const monitor = await runningMonitor(RID_A);
    await advanceTo(monitor.id, T0 + MAX_RUNTIME * S - 1);
    expect((await monitorView(monitor.id)).status).toBe("running");
    await advanceTo(monitor.id, T0 + MAX_RUNTIME * S);
    expect(await alertsOf(monitor.id)).toEqual([expect.objectContaining({ reason: "timeout", status: "open" })]);
  });
});

describe("overlapping runs", () => {
  it("a success naming a run ends exactly that run; the other stays open and keeps its own deadline", async () => {
    const monitor = await runningMonitor(RID_A);
    setNow(T0 + 60 * S);
    await send(`${monitor.ping_url}/start?rid=${RID_B}`);
    setNow(T0 + 90 * S);
    await send(`${monitor.ping_url}?rid=${RID_A}`);
    expect((await monitorView(monitor.id)).status).toBe("running");
    expect((await pingLog(monitor.id))[0]).toMatchObject({ rid: RID_A, duration: 90 });
    // Run B started at 60 s: it times out at 60 s + max_runtime, not before.
    await advanceTo(monitor.id, T0 + (60 + MAX_RUNTIME) * S - 1);
    expect(await alertsOf(monitor.id)).toEqual([]);
    await advanceTo(monitor.id, T0 + (60 + MAX_RUNTIME) * S);
    expect(await alertsOf(monitor.id)).toEqual([expect.objectContaining({ reason: "timeout" })]);
  });

  it("each run's end carries its own duration, and the monitor is up once both ended", async () => {
    const monitor = await runningMonitor(RID_A);
    setNow(T0 + 10 * S);
    await send(`${monitor.ping_url}/start?rid=${RID_B}`);
    setNow(T0 + 70 * S);
    await send(`${monitor.ping_url}/0?rid=${RID_B}`);
    setNow(T0 + 100 * S);
    await send(`${monitor.ping_url}/0?rid=${RID_A}`);
    expect((await monitorView(monitor.id)).status).toBe("up");
    const [endA, endB] = await pingLog(monitor.id);
    expect(endA).toMatchObject({ rid: RID_A, duration: 100 });
    expect(endB).toMatchObject({ rid: RID_B, duration: 60 });
  });
});

describe("rid values", () => {
  // test_it_saves_run_id: the rid is in the ping log, whichever suffix carried it.
  it("the rid is logged with the ping, in lower case", async () => {
    const monitor = await createMonitor({ interval: "1d" });
    await send(`${monitor.ping_url}/start?rid=${RID_B.toUpperCase()}`);
    setNow(T0 + S);
    await send(`${monitor.ping_url}/log?rid=${RID_B}`, "POST", "step 2");
    expect((await pingLog(monitor.id)).map((p) => [p.kind, p.rid])).toEqual([
      ["log", RID_B],
      ["start", RID_B],
    ]);
  });

  // test_it_handles_invalid_rid ("12345", a UUID with one digit too many): 400 "invalid uuid format".
  it.each(["12345", `${RID_A}0`, RID_A.replaceAll("-", ""), `{${RID_A}}`, "", "not-a-uuid"])(
    "rid=%j is a 400 naming rid, and changes nothing",
    async (rid) => {
      const monitor = await createMonitor({ interval: "1d" });
      for (const suffix of ["/start", "", "/fail", "/log"]) {
        const res = await send(`${monitor.ping_url}${suffix}?rid=${rid}`);
        expect(res.status, suffix).toBe(400);
        expect(JSON.parse(res.text)).toMatchObject({ error: { details: [expect.objectContaining({ path: "rid" })] } });
      }
      expect(await monitorView(monitor.id)).toMatchObject({ status: "new", last_ping_at: null });
      expect(await pingLog(monitor.id)).toEqual([]);
    },
  );
});
