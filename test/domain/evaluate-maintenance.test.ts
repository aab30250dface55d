/**
 * Maintenance windows through `evaluate` and `applyCheckIn`: a miss inside a window is excused (the
 * monitor gets a full period plus grace from the window's end); a failure inside it opens no alert
 * until the window ends; closing is never held back.
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
  ])("$name: a miss inside is excused; the monitor gets a full period plus grace from the window's end", ({ overrides }) => {
    const config = monitorConfig({ grace: 30, ...overrides });
    const up = afterCheckIns(config, [[0, success()]]);
    const inside = evaluate(config, up, at(90), alertIds());
    expect(inside.state.status).toBe("down");
    expect(inside.state.streak.failures).toBe(0);
    expect(inside.state.alert).toBeNull();
    expect(notices(inside.events)).toEqual([]);
    // Interval 60 s, grace 30 s from the window's end at 3600 s: nothing to wake for before 3690 s.
    expect(inside.state.due).toEqual({ lateAt: at(3660), downAt: at(3690) });
    expect(nextWakeAt(config, inside.state, at(90))).toBe(at(3690));

    const newAlertId = alertIds();
    const end = evaluate(config, inside.state, at(3600), newAlertId);
    expect(end.events).toEqual([]);
    expect(evaluate(config, end.state, at(3690) - 1, newAlertId).state.alert).toBeNull();

    const after = evaluate(config, end.state, at(3690), newAlertId);
    expect(after.state.alert).toMatchObject({ reason: "missed", openedAt: at(3690) });
    expect(notices(after.events)).toEqual([{ notice: "alert.opened", channels: ["ch-1"] }]);
  });

  it("a ping in the full period after the window: no alert at all", () => {
    const config = monitorConfig({ grace: 30, maintenance: [firstHour] });
    const inside = evaluate(config, afterCheckIns(config, [[0, success()]]), at(90), alertIds());
    const { state } = applyCheckIn(config, inside.state, success(), at(3650), alertIds());
    expect(state.status).toBe("up");
    expect(evaluate(config, state, at(3700), alertIds()).state.alert).toBeNull();
  });

  it("a late alarm judges the miss at its deadline: one due before the window counts", () => {
    const config = monitorConfig({ grace: 0, maintenance: [{ kind: "once", startsAt: at(100), endsAt: at(3600) }] });
    const up = afterCheckIns(config, [[0, success()]]);
    // Due at 60 s, before the window; the alarm only ran at 200 s, inside it: counted, held until the end.
    const late = evaluate(config, up, at(200), alertIds());
    expect(late.state.streak.failures).toBe(1);
    expect(late.state.alert).toBeNull();
    expect(evaluate(config, late.state, at(3600), alertIds()).state.alert?.reason).toBe("missed");
  });

  it("cron: the first expected run at or after the window's end, plus grace", () => {
    // Every hour on the hour; window 00:30-02:00; last ping 00:00, the 01:00 run missed inside.
    const hourly = { kind: "cron" as const, cron: "0 * * * *", timezone: "UTC" };
    const config = monitorConfig({ schedule: hourly, grace: 300, maintenance: [{ kind: "once", startsAt: at(1800), endsAt: at(7200) }] });
    const up = afterCheckIns(config, [[0, success()]]);
    const inside = evaluate(config, up, at(3900), alertIds());
    expect(inside.state.status).toBe("down");
    // The 02:00 run, due exactly at the window's end (windows are half-open), is expected: down at 02:05.
    expect(inside.state.due).toEqual({ lateAt: at(7200), downAt: at(7500) });
    expect(evaluate(config, inside.state, at(7499), alertIds()).state.alert).toBeNull();
    expect(evaluate(config, inside.state, at(7500), alertIds()).state.alert?.reason).toBe("missed");
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
