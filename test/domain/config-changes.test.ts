/** `applyConfig` and `applyDelete`: a new configuration or a deletion takes effect at once. */
import { describe, expect, it } from "vitest";
import { applyConfig, applyDelete, initialState, type MonitorConfig } from "../../src/domain/monitor";
import { afterCheckIns, alertIds, at, DOMAIN_T0, eventTypes, fail, monitorConfig, notices, start, statusChanges, success } from "./factory";

const every = (interval: number): MonitorConfig["schedule"] => ({ kind: "interval", interval });

describe("applyConfig: a changed interval moves the deadline of an up monitor", () => {
  it.each([
    { name: "longer, while up", from: 60, to: 300, seconds: 30, status: "up", lateAt: 300, changes: [] },
    { name: "longer, while late: up again", from: 60, to: 300, seconds: 70, status: "up", lateAt: 300, changes: ["late->up"] },
    { name: "shorter, still ahead", from: 300, to: 120, seconds: 100, status: "up", lateAt: 120, changes: [] },
  ])("$name", ({ from, to, seconds, status, lateAt, changes }) => {
    const before = monitorConfig({ schedule: every(from), grace: 30 });
    const up = afterCheckIns(before, [[0, success()]]);
    // "late" is reached by the alarm, not by a ping: evaluate to it first when the case asks for it.
    const current = seconds > from ? applyConfig(before, up, at(seconds), alertIds()).state : up;
    const { state, events } = applyConfig({ ...before, schedule: every(to) }, current, at(seconds), alertIds());
    expect(state.status).toBe(status);
    expect(state.due).toEqual({ lateAt: at(lateAt), downAt: at(lateAt + 30) });
    expect(statusChanges(events)).toEqual(changes);
  });

  it("shorter, already past: down at once, with an alert", () => {
    const before = monitorConfig({ schedule: every(300), grace: 0 });
    const up = afterCheckIns(before, [[0, success()]]);
    const { state, events } = applyConfig({ ...before, schedule: every(60) }, up, at(100), alertIds());
    expect(state.status).toBe("down");
    expect(state.alert?.reason).toBe("missed");
    expect(notices(events)).toEqual([{ notice: "alert.opened", channels: ["ch-1"] }]);
  });

  it("a new monitor keeps waiting for its first ping", () => {
    const config = monitorConfig();
    const { state, events } = applyConfig({ ...config, schedule: every(10) }, initialState(config, DOMAIN_T0), at(100), alertIds());
    expect(state.status).toBe("new");
    expect(events).toEqual([]);
  });
});

describe("applyConfig: pausing", () => {
  it("closes the open alert with close reason paused and tells the channels that heard of it", () => {
    const config = monitorConfig({ channels: ["ch-1", "ch-2"] });
    const down = afterCheckIns(config, [[0, fail()]]);
    const { state, events } = applyConfig({ ...config, enabled: false }, down, at(10), alertIds());
    expect(state).toMatchObject({ status: "paused", alert: null, progress: null, due: null, failure: null });
    expect(eventTypes(events)).toEqual(["status.changed", "alert.closed", "notify"]);
    const closed = events.find((event) => event.type === "alert.closed");
    expect(closed?.type === "alert.closed" && closed.alert).toMatchObject({ id: "alert-1", closeReason: "paused", closedAt: at(10) });
    expect(notices(events)).toEqual([{ notice: "alert.closed", channels: ["ch-1", "ch-2"] }]);
  });

  it("forgets open runs and the failure streak", () => {
    const config = monitorConfig({ failureThreshold: 3 });
    const state = afterCheckIns(config, [
      [0, fail()],
      [5, start("a")],
    ]);
    const paused = applyConfig({ ...config, enabled: false }, state, at(10), alertIds()).state;
    expect(paused.runs).toEqual({});
    expect(paused.streak).toEqual({ failures: 0, successes: 0 });
  });
});

describe("applyConfig: resuming", () => {
  it("returns to new, keeping the last ping, with no timer running", () => {
    const config = monitorConfig();
    const up = afterCheckIns(config, [[0, success()]]);
    const paused = applyConfig({ ...config, enabled: false }, up, at(10), alertIds()).state;
    const { state, events } = applyConfig(config, paused, at(500), alertIds());
    expect(state).toMatchObject({
      status: "new",
      lastPingAt: DOMAIN_T0,
      due: null,
      timerFrom: null,
      alert: null,
      statusChangedAt: at(500),
    });
    expect(statusChanges(events)).toEqual(["paused->new"]);
  });
});

describe("applyDelete", () => {
  it("closes the open alert with close reason deleted", () => {
    const config = monitorConfig();
    const down = afterCheckIns(config, [[0, fail()]]);
    const { state, events } = applyDelete(config, down, at(20));
    expect(state.alert).toBeNull();
    expect(eventTypes(events)).toEqual(["alert.closed", "notify"]);
    const closed = events.find((event) => event.type === "alert.closed");
    expect(closed?.type === "alert.closed" && closed.alert.closeReason).toBe("deleted");
    expect(notices(events)).toEqual([{ notice: "alert.closed", channels: ["ch-1"] }]);
  });

  it("with no alert open says nothing", () => {
    const config = monitorConfig();
    const up = afterCheckIns(config, [[0, success()]]);
    expect(applyDelete(config, up, at(20))).toEqual({ state: up, events: [] });
  });
});

describe("applyConfig: an edit that changes nothing about timing", () => {
  // Regression: `applyConfig` once set every late monitor back to "up" and let `evaluate` make it late
  // again, so renaming a late monitor emitted late->up and up->late at the same instant and moved
  // statusChangedAt (the API's "late since") to the edit's time, with one D1 sync job per flip.
  it("renaming a late monitor leaves it late since the same time, with no status events", () => {
    const config = monitorConfig({ grace: 30 });
    const late = applyConfig(config, afterCheckIns(config, [[0, success()]]), at(70), alertIds()).state;
    expect(late).toMatchObject({ status: "late", statusChangedAt: at(70) });
    const { state, events } = applyConfig({ ...config, name: "renamed" }, late, at(80), alertIds());
    expect(statusChanges(events)).toEqual([]);
    expect(state).toMatchObject({ status: "late", statusChangedAt: at(70) });
  });

  it("renaming an up monitor emits nothing and keeps its deadline", () => {
    const config = monitorConfig();
    const up = afterCheckIns(config, [[0, success()]]);
    const { state, events } = applyConfig({ ...config, name: "renamed" }, up, at(30), alertIds());
    expect(events).toEqual([]);
    expect(state).toEqual(up);
  });
});
