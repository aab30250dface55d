/**
 * Maintenance windows through `evaluate` and `applyCheckIn`: misses and failures inside a window are
 * recorded but open no alert; a monitor still down when the window ends alerts then; closing is never
 * held back.
 */
import { describe, expect, it } from "vitest";
import { applyCheckIn } from "../../src/domain/checkin";
import { evaluate, nextWakeAt } from "../../src/domain/monitor";
import { afterCheckIns, alertIds, at, DOMAIN_T0, eventTypes, fail, monitorConfig, notices, success } from "./factory";

// The first hour after DOMAIN_T0. A daily schedule unless a case is about misses, so only the case's own signal counts.
const firstHour = { kind: "once" as const, startsAt: DOMAIN_T0, endsAt: at(3600) };
const daily = { kind: "interval" as const, interval: 86_400 };

describe("maintenance: misses", () => {
  it.each([
    { name: "the monitor's own window", overrides: { maintenance: [firstHour] } },
    { name: "the team's window", overrides: { teamMaintenance: [firstHour] } },
  ])("$name: the miss is recorded but opens no alert until the window ends", ({ overrides }) => {
    const config = monitorConfig({ grace: 0, ...overrides });
    const up = afterCheckIns(config, [[0, success()]]);
    const inside = evaluate(config, up, at(60), alertIds());
    expect(inside.state.status).toBe("down");
    expect(inside.state.streak.failures).toBe(1);
    expect(inside.state.alert).toBeNull();
    expect(notices(inside.events)).toEqual([]);

    const after = evaluate(config, inside.state, at(3600), alertIds());
    expect(after.state.alert?.reason).toBe("missed");
    expect(notices(after.events)).toEqual([{ notice: "alert.opened", channels: ["ch-1"] }]);
  });

  it("a window that is over suppresses nothing", () => {
    const config = monitorConfig({ grace: 0, maintenance: [{ kind: "once", startsAt: at(-7200), endsAt: at(-3600) }] });
    const up = afterCheckIns(config, [[0, success()]]);
    expect(evaluate(config, up, at(60), alertIds()).state.alert?.reason).toBe("missed");
  });
});

describe("maintenance: failures", () => {
  const config = monitorConfig({ schedule: daily, maintenance: [firstHour] });

  it("a /fail inside the window opens no alert, and the object wakes at the window's end", () => {
    const { state, events } = applyCheckIn(config, afterCheckIns(config, []), fail(2), at(10), alertIds());
    expect(state.status).toBe("down");
    expect(state.alert).toBeNull();
    expect(eventTypes(events)).toEqual(["status.changed"]);
    expect(nextWakeAt(config, state, at(10))).toBe(at(3600));
  });

  it.each([
    { name: "still down at the window's end: alerts then", later: [], alert: "failed" },
    { name: "recovered inside the window: no alert", later: [[20, success()]] as const, alert: null },
  ])("$name", ({ later, alert }) => {
    const state = afterCheckIns(config, [[10, fail(2)], ...later]);
    const newAlertId = alertIds();
    const before = evaluate(config, state, at(3599), newAlertId);
    expect(before.state.alert).toBeNull();
    const end = evaluate(config, before.state, at(3600), newAlertId);
    expect(end.state.alert?.reason ?? null).toBe(alert);
    // And evaluated again at the same time, nothing more.
    expect(evaluate(config, end.state, at(3600), newAlertId).events).toEqual([]);
  });

  it("closing is not held back: a success inside a window closes an alert opened before it", () => {
    const later = monitorConfig({ schedule: daily, maintenance: [{ kind: "once", startsAt: at(100), endsAt: at(3600) }] });
    const down = afterCheckIns(later, [[0, fail()]]);
    expect(down.alert?.id).toBe("alert-1");
    const { state, events } = applyCheckIn(later, down, success(), at(200), alertIds());
    expect(state.alert).toBeNull();
    expect(notices(events)).toEqual([{ notice: "alert.closed", channels: ["ch-1"] }]);
  });
});
