/** `evaluate`: what the alarm's tick does to a monitor, at a frozen `now`. */
import { describe, expect, it } from "vitest";
import { evaluate, initialState, type MonitorConfig } from "../../src/domain/monitor";
import { afterCheckIns, alertIds, at, DOMAIN_T0, eventTypes, monitorConfig, notices, start, statusChanges, success } from "./factory";

describe("evaluate: late and down after the last ping (interval 60 s)", () => {
  it.each([
    { name: "before the expected time", grace: 30, seconds: 59, status: "up", changes: [], alert: null },
    { name: "at the expected time, with grace", grace: 30, seconds: 60, status: "late", changes: ["up->late"], alert: null },
    { name: "inside the grace", grace: 30, seconds: 89, status: "late", changes: ["up->late"], alert: null },
    { name: "at the end of the grace", grace: 30, seconds: 90, status: "down", changes: ["up->down"], alert: "missed" },
    { name: "at the expected time, no grace", grace: 0, seconds: 60, status: "down", changes: ["up->down"], alert: "missed" },
    { name: "no grace, just before", grace: 0, seconds: 59, status: "up", changes: [], alert: null },
  ])("$name", ({ grace, seconds, status, changes, alert }) => {
    const config = monitorConfig({ grace });
    const up = afterCheckIns(config, [[0, success()]]);
    const { state, events } = evaluate(config, up, at(seconds), alertIds());
    expect(state.status).toBe(status);
    expect(statusChanges(events)).toEqual(changes);
    expect(state.alert?.reason ?? null).toBe(alert);
    expect(notices(events)).toEqual(alert ? [{ notice: "alert.opened", channels: ["ch-1"] }] : []);
  });

  it("a new monitor waits for its first ping however long it takes", () => {
    const config = monitorConfig();
    const { state, events } = evaluate(config, initialState(config, DOMAIN_T0), at(86_400), alertIds());
    expect(state.status).toBe("new");
    expect(events).toEqual([]);
  });
});

describe("evaluate: one alert per outage", () => {
  const config = monitorConfig({ grace: 0 });
  const up = afterCheckIns(config, [[0, success()]]);

  it("evaluating twice at the same time yields nothing the second time", () => {
    const first = evaluate(config, up, at(60), alertIds());
    expect(eventTypes(first.events)).toEqual(["status.changed", "alert.opened", "notify"]);
    const second = evaluate(config, first.state, at(60), alertIds());
    expect(second.events).toEqual([]);
    expect(second.state).toEqual(first.state);
  });

  it("later misses while the alert is open open no second alert", () => {
    const newAlertId = alertIds();
    const down = evaluate(config, up, at(60), newAlertId).state;
    const later = evaluate(config, down, at(600), newAlertId);
    expect(later.events).toEqual([]);
    expect(later.state.alert?.id).toBe("alert-1");
  });

  it("many missed periods at once count as one outage", () => {
    const { state, events } = evaluate(config, up, at(3600), alertIds());
    expect(eventTypes(events).filter((type) => type === "alert.opened")).toHaveLength(1);
    expect(state.due).toBeNull();
  });
});

describe("evaluate: run timeouts", () => {
  it.each([
    { name: "max_runtime 120 s, before it", maxRuntime: 120, grace: 30, seconds: 119, status: "running" },
    { name: "max_runtime 120 s, at it", maxRuntime: 120, grace: 30, seconds: 120, status: "down" },
    { name: "no max_runtime: the grace, before it", maxRuntime: null, grace: 30, seconds: 29, status: "running" },
    { name: "no max_runtime: the grace, at it", maxRuntime: null, grace: 30, seconds: 30, status: "down" },
    { name: "no max_runtime, no grace: 1 h, before it", maxRuntime: null, grace: 0, seconds: 3599, status: "running" },
    { name: "no max_runtime, no grace: 1 h, at it", maxRuntime: null, grace: 0, seconds: 3600, status: "down" },
  ])("$name", ({ maxRuntime, grace, seconds, status }) => {
    const config = monitorConfig({ maxRuntime, grace, schedule: { kind: "interval", interval: 86_400 } });
    const running = afterCheckIns(config, [[0, start()]]);
    const { state } = evaluate(config, running, at(seconds), alertIds());
    expect(state.status).toBe(status);
    if (status === "down") {
      expect(state.runs).toEqual({});
      expect(state.failure).toEqual({ reason: "timeout", exitStatus: null });
      expect(state.alert?.reason).toBe("timeout");
    } else {
      expect(state.runs).toEqual({ "": DOMAIN_T0 });
    }
  });

  it("only the run that outlived max_runtime times out", () => {
    const config = monitorConfig({ maxRuntime: 120 });
    const running = afterCheckIns(config, [
      [0, start("a")],
      [100, start("b")],
    ]);
    const { state } = evaluate(config, running, at(120), alertIds());
    expect(state.runs).toEqual({ b: at(100) });
    expect(state.alert?.reason).toBe("timeout");
  });
});

describe("evaluate: a late alarm after a run timeout", () => {
  // Regression: a timed-out run once restarted the timer from the evaluation time, not from the run's
  // deadline, while missed pings are counted per expected ping whatever the alarm's delay, so a late
  // alarm after a timeout shifted every later deadline and could delay the alert.
  it("evaluating late gives the same outcome as evaluating on time", () => {
    const config = monitorConfig({ grace: 0, maxRuntime: 120, failureThreshold: 2 });
    const running = afterCheckIns(config, [[0, start()]]);
    const onTime = evaluate(config, evaluate(config, running, at(120), alertIds()).state, at(1000), alertIds()).state;
    const lateAlarm = evaluate(config, running, at(1000), alertIds()).state;
    expect(onTime.alert).not.toBeNull();
    expect(lateAlarm.alert).not.toBeNull();
  });

  it("evaluated twice at the timeout, the run times out once", () => {
    const config = monitorConfig({ maxRuntime: 120 });
    const running = afterCheckIns(config, [[0, start()]]);
    const first = evaluate(config, running, at(120), alertIds());
    expect(eventTypes(first.events)).toEqual(["status.changed", "alert.opened", "notify"]);
    expect(evaluate(config, first.state, at(120), alertIds()).events).toEqual([]);
  });
});

describe("evaluate: paused", () => {
  it("a paused monitor changes nothing, however late", () => {
    const config = monitorConfig({ grace: 0 });
    const up = afterCheckIns(config, [
      [0, success()],
      [10, start()],
    ]);
    const paused: MonitorConfig = { ...config, enabled: false };
    const result = evaluate(paused, up, at(86_400), alertIds());
    expect(result.events).toEqual([]);
    expect(result.state).toBe(up);
  });
});

describe("evaluate: failure_threshold counts misses", () => {
  const config = monitorConfig({ grace: 0, failureThreshold: 3 });
  const up = afterCheckIns(config, [[0, success()]]);

  it.each([
    { seconds: 60, failures: 1, alert: false },
    { seconds: 120, failures: 2, alert: false },
    { seconds: 179, failures: 2, alert: false },
    { seconds: 180, failures: 3, alert: true },
  ])("evaluated once at +$seconds s: $failures misses, alert $alert", ({ seconds, failures, alert }) => {
    const { state } = evaluate(config, up, at(seconds), alertIds());
    expect(state.status).toBe("down");
    expect(state.streak).toEqual({ failures, successes: 0 });
    expect(state.alert !== null).toBe(alert);
  });

  it("the same misses counted one alarm at a time open the alert on the third", () => {
    const newAlertId = alertIds();
    let state = up;
    const opened: number[] = [];
    for (const seconds of [60, 120, 180, 240]) {
      const result = evaluate(config, state, at(seconds), newAlertId);
      if (eventTypes(result.events).includes("alert.opened")) opened.push(seconds);
      state = result.state;
    }
    expect(opened).toEqual([180]);
  });
});
