/** `applyCheckIn`: what one ping does to a monitor, at a frozen `now`. */
import { describe, expect, it } from "vitest";
import { applyCheckIn, MAX_OPEN_RUNS } from "../../src/domain/checkin";
import { initialState, type MonitorConfig } from "../../src/domain/monitor";
import {
  afterCheckIns,
  alertIds,
  at,
  DOMAIN_T0,
  eventTypes,
  fail,
  log,
  monitorConfig,
  notices,
  start,
  statusChanges,
  success,
} from "./factory";

const config = monitorConfig();
const fresh = initialState(config, DOMAIN_T0);

describe("applyCheckIn: the four signals", () => {
  it("a success makes a new monitor up and starts the timer", () => {
    const { state, events, durationMs } = applyCheckIn(config, fresh, success(), at(10), alertIds());
    expect(state.status).toBe("up");
    expect(state.lastPingAt).toBe(at(10));
    expect(state.timerFrom).toBe(at(10));
    expect(state.due).toEqual({ lateAt: at(70), downAt: at(100) });
    expect(statusChanges(events)).toEqual(["new->up"]);
    expect(durationMs).toBeNull();
  });

  it("a start begins a run and leaves the timer alone", () => {
    const up = afterCheckIns(config, [[0, success()]]);
    const { state, events } = applyCheckIn(config, up, start(), at(10), alertIds());
    expect(state.status).toBe("running");
    expect(state.runs).toEqual({ "": at(10) });
    expect(state.due).toEqual(up.due);
    expect(state.lastPingAt).toBe(at(10));
    expect(statusChanges(events)).toEqual(["up->running"]);
  });

  it.each([
    { name: "/fail", checkIn: fail(), exitStatus: null },
    { name: "exit status 3", checkIn: fail(3), exitStatus: 3 },
  ])("$name: down, with an alert saying failed", ({ checkIn, exitStatus }) => {
    const up = afterCheckIns(config, [[0, success()]]);
    const { state, events } = applyCheckIn(config, up, checkIn, at(10), alertIds());
    expect(state.status).toBe("down");
    expect(state.failure).toEqual({ reason: "failed", exitStatus });
    expect(state.alert).toMatchObject({ id: "alert-1", reason: "failed", openedAt: at(10) });
    expect(notices(events)).toEqual([{ notice: "alert.opened", channels: ["ch-1"] }]);
  });

  it("a log line changes nothing, not even the last ping", () => {
    const up = afterCheckIns(config, [[0, success()]]);
    const { state, events } = applyCheckIn(config, up, log(), at(10), alertIds());
    expect(state).toEqual(up);
    expect(events).toEqual([]);
  });

  it("a ping to a paused monitor only records when it came", () => {
    const paused: MonitorConfig = { ...config, enabled: false };
    const { state, events } = applyCheckIn(paused, initialState(paused, DOMAIN_T0), success(), at(10), alertIds());
    expect(state.status).toBe("paused");
    expect(state.lastPingAt).toBe(at(10));
    expect(state.due).toBeNull();
    expect(events).toEqual([]);
  });
});

describe("applyCheckIn: which run a success ends (runEndedBy)", () => {
  // max_runtime well past the test's times, so no run times out on the way.
  const config = monitorConfig({ maxRuntime: 3600 });
  const twoRuns = afterCheckIns(config, [
    [0, start("a")],
    [10, start("b")],
  ]);

  it.each([
    { name: "its own rid: that run, with a duration", rid: "a", left: { b: at(10) }, durationMs: 30_000 },
    { name: "the newer rid: that run, with a duration", rid: "b", left: { a: at(0) }, durationMs: 20_000 },
    { name: "no rid: the newest run, no duration", rid: "", left: { a: at(0) }, durationMs: null },
    { name: "an unknown rid: the newest run, no duration", rid: "zzz", left: { a: at(0) }, durationMs: null },
  ])("$name", ({ rid, left, durationMs }) => {
    const result = applyCheckIn(config, twoRuns, success(rid), at(30), alertIds());
    expect(result.state.runs).toEqual(left);
    expect(result.durationMs).toBe(durationMs);
    expect(result.state.status).toBe("running");
  });

  it("a start and a success both without rid: the run ends with a duration", () => {
    const running = afterCheckIns(config, [[0, start()]]);
    const result = applyCheckIn(config, running, success(), at(42), alertIds());
    expect(result.durationMs).toBe(42_000);
    expect(result.state.runs).toEqual({});
    expect(result.state.status).toBe("up");
  });

  it("a success with no run open gives no duration", () => {
    expect(applyCheckIn(config, fresh, success("a"), at(5), alertIds()).durationMs).toBeNull();
  });

  it("the state keeps the last measured duration (a failure's too) until another run ends with one", () => {
    const ended = afterCheckIns(config, [
      [0, start("a")],
      [40, fail(1, "a")],
    ]);
    expect(ended.lastDurationMs).toBe(40_000);
    // Pings that measure nothing (a plain success, a start, an end naming no run) leave it.
    const later = afterCheckIns(config, [
      [0, start("a")],
      [40, success("a")],
      [50, success()],
      [60, start("b")],
      [70, success("zzz")],
    ]);
    expect(later.lastDurationMs).toBe(40_000);
    expect(applyCheckIn(config, afterCheckIns(config, [[0, start("b")]]), success("b"), at(7), alertIds()).state.lastDurationMs).toBe(7000);
    expect(fresh.lastDurationMs).toBeNull();
  });
});

describe("applyCheckIn: overlapping runs", () => {
  it("the monitor is up only when the last open run ends", () => {
    const newAlertId = alertIds();
    let state = afterCheckIns(config, [
      [0, start("a")],
      [5, start("b")],
    ]);
    const statuses: string[] = [];
    for (const [seconds, rid] of [
      [20, "a"],
      [30, "b"],
    ] as const) {
      state = applyCheckIn(config, state, success(rid), at(seconds), newAlertId).state;
      statuses.push(state.status);
    }
    expect(statuses).toEqual(["running", "up"]);
  });

  it("a failing run alerts while another goes on, and the other's timer is kept", () => {
    const running = afterCheckIns(config, [
      [0, start("a")],
      [5, start("b")],
    ]);
    const { state } = applyCheckIn(config, running, fail(1, "a"), at(20), alertIds());
    expect(state.runs).toEqual({ b: at(5) });
    expect(state.status).toBe("down");
    expect(state.alert?.reason).toBe("failed");
  });

  it("past MAX_OPEN_RUNS the oldest run is forgotten, so it cannot time out later", () => {
    const long = monitorConfig({ maxRuntime: 86_400 });
    const starts = Array.from({ length: MAX_OPEN_RUNS + 1 }, (_, i) => [i, start(`run-${i}`)] as const);
    const { runs } = afterCheckIns(long, starts);
    expect(Object.keys(runs)).toHaveLength(MAX_OPEN_RUNS);
    expect(runs).not.toHaveProperty("run-0");
    expect(runs).toHaveProperty(`run-${MAX_OPEN_RUNS}`, at(MAX_OPEN_RUNS));
  });
});

describe("applyCheckIn: a success closes the alert", () => {
  it.each([
    { recoveryThreshold: 1, closedAfter: 1 },
    { recoveryThreshold: 2, closedAfter: 2 },
    { recoveryThreshold: 3, closedAfter: 3 },
  ])("recovery_threshold $recoveryThreshold: closed by success number $closedAfter", ({ recoveryThreshold, closedAfter }) => {
    const strict = monitorConfig({ recoveryThreshold });
    const newAlertId = alertIds();
    let state = afterCheckIns(strict, [[0, fail()]], newAlertId);
    const closedBy: number[] = [];
    for (const n of [1, 2, 3, 4]) {
      const result = applyCheckIn(strict, state, success(), at(n * 10), newAlertId);
      const closed = result.events.find((event) => event.type === "alert.closed");
      if (closed?.type === "alert.closed") {
        expect(closed.alert).toMatchObject({ id: "alert-1", closeReason: "ping", closedAt: at(n * 10) });
        expect(notices(result.events)).toEqual([{ notice: "alert.closed", channels: ["ch-1"] }]);
        closedBy.push(n);
      }
      expect(result.state.status).toBe("up");
      state = result.state;
    }
    expect(closedBy).toEqual([closedAfter]);
    expect(state.alert).toBeNull();
  });

  it("a start does not close the alert: it says nothing of the outcome", () => {
    const down = afterCheckIns(config, [[0, fail()]]);
    const { state, events } = applyCheckIn(config, down, start(), at(10), alertIds());
    expect(state.alert?.id).toBe("alert-1");
    expect(eventTypes(events)).toEqual(["status.changed"]);
  });
});
