/**
 * Escalation and reminders, seen through the `notify` events of `evaluate` and `applyCheckIn`: which
 * channels hear of an alert when, and that its closing goes to exactly the channels that heard of it.
 */
import { describe, expect, it } from "vitest";
import { applyCheckIn } from "../../src/domain/checkin";
import { applyConfig, evaluate, type MonitorConfig, type MonitorState, nextWakeAt } from "../../src/domain/monitor";
import { afterCheckIns, alertIds, at, fail, monitorConfig, notices, success } from "./factory";

// Step 1 at once, step 2 after 5 min, step 3 after 15 min (ch-a again, already told, plus ch-c). A daily
// schedule, so no miss during the test opens a second alert.
const escalating = monitorConfig({
  schedule: { kind: "interval", interval: 86_400 },
  channels: [],
  escalation: [
    { after: 0, channels: ["ch-a"] },
    { after: 300, channels: ["ch-b"] },
    { after: 900, channels: ["ch-a", "ch-c"] },
  ],
});

/** Evaluates at each time in turn (seconds after DOMAIN_T0), collecting what each tick asks to notify. */
function tick(config: MonitorConfig, state: MonitorState, times: number[]) {
  const newAlertId = alertIds();
  const heard: { seconds: number; notice: string; channels: string[] }[] = [];
  let current = state;
  for (const seconds of times) {
    const result = evaluate(config, current, at(seconds), newAlertId);
    for (const n of notices(result.events)) heard.push({ seconds, ...n });
    current = result.state;
  }
  return { state: current, heard };
}

describe("escalation steps", () => {
  it("the opening reaches the first step at once, exactly once", () => {
    const { events } = applyCheckIn(escalating, afterCheckIns(escalating, []), fail(), at(0), alertIds());
    expect(notices(events)).toEqual([{ notice: "alert.opened", channels: ["ch-a"] }]);
  });

  it.each([
    { name: "step by step", times: [299, 300, 300, 899, 900, 901] },
    { name: "a late alarm fires every step due", times: [1000] },
  ])("each later step reaches only channels not yet told: $name", ({ times }) => {
    const down = afterCheckIns(escalating, [[0, fail()]]);
    const { state, heard } = tick(escalating, down, times);
    expect(heard.map(({ notice, channels }) => ({ notice, channels }))).toEqual([
      { notice: "alert.opened", channels: ["ch-b"] },
      { notice: "alert.opened", channels: ["ch-c"] },
    ]);
    if (times.length > 1) expect(heard.map((h) => h.seconds)).toEqual([300, 900]);
    expect(state.progress).toMatchObject({ stepsFired: 3, notified: ["ch-a", "ch-b", "ch-c"] });
  });

  it("a flat channel list is one step at 0 s and overrides the escalation", () => {
    const config = { ...escalating, channels: ["ch-x"] };
    const down = afterCheckIns(config, [[0, fail()]]);
    expect(down.progress?.notified).toEqual(["ch-x"]);
    expect(tick(config, down, [300, 900]).heard).toEqual([]);
  });

  it("the object wakes for the next step", () => {
    const down = afterCheckIns(escalating, [[0, fail()]]);
    expect(nextWakeAt(escalating, down, at(1))).toBe(at(300));
  });
});

describe("the closing goes to exactly the channels that heard of the opening", () => {
  it.each([
    { name: "closed before step 2", tickTo: [], closedAt: 100, channels: ["ch-a"] },
    { name: "closed after step 2", tickTo: [300], closedAt: 400, channels: ["ch-a", "ch-b"] },
    { name: "closed after every step", tickTo: [300, 900], closedAt: 1000, channels: ["ch-a", "ch-b", "ch-c"] },
  ])("$name", ({ tickTo, closedAt, channels }) => {
    const down = tick(escalating, afterCheckIns(escalating, [[0, fail()]]), tickTo).state;
    const { events } = applyCheckIn(escalating, down, success(), at(closedAt), alertIds());
    expect(notices(events)).toEqual([{ notice: "alert.closed", channels }]);
  });

  it("steps not reached before the closing are never sent", () => {
    const down = afterCheckIns(escalating, [[0, fail()]]);
    const up = applyCheckIn(escalating, down, success(), at(100), alertIds()).state;
    expect(tick(escalating, up, [200, 300, 900]).heard).toEqual([]);
  });
});

describe("channels changed while the alert is open", () => {
  it("new channels hear neither the opening nor the closing; the ones told hear the closing", () => {
    const config = monitorConfig({ schedule: { kind: "interval", interval: 86_400 }, channels: ["ch-old"] });
    const down = afterCheckIns(config, [[0, fail()]]);
    const edited = { ...config, channels: ["ch-new"] };
    expect(notices(applyConfig(edited, down, at(10), alertIds()).events)).toEqual([]);
    const { events } = applyCheckIn(edited, down, success(), at(20), alertIds());
    expect(notices(events)).toEqual([{ notice: "alert.closed", channels: ["ch-old"] }]);
  });
});

describe("reminders (remind_every)", () => {
  const reminding = monitorConfig({ channels: ["ch-1"], remindEvery: 3600, schedule: { kind: "interval", interval: 86_400 } });

  it("re-notify every channel told so far, once per period, while the alert is open", () => {
    const down = afterCheckIns(reminding, [[0, fail()]]);
    const { heard } = tick(reminding, down, [3599, 3600, 3600, 5000, 7200]);
    expect(heard).toEqual([
      { seconds: 3600, notice: "alert.reminder", channels: ["ch-1"] },
      { seconds: 7200, notice: "alert.reminder", channels: ["ch-1"] },
    ]);
  });

  it("remind the escalated channels too", () => {
    const config = { ...escalating, remindEvery: 600 };
    const down = afterCheckIns(config, [[0, fail()]]);
    const { heard } = tick(config, down, [300, 600]);
    expect(heard.map(({ notice, channels }) => ({ notice, channels }))).toEqual([
      { notice: "alert.opened", channels: ["ch-b"] },
      { notice: "alert.reminder", channels: ["ch-a", "ch-b"] },
    ]);
  });

  it("stop with the closing", () => {
    const down = afterCheckIns(reminding, [[0, fail()]]);
    const up = applyCheckIn(reminding, down, success(), at(60), alertIds()).state;
    expect(tick(reminding, up, [3600, 7200]).heard).toEqual([]);
  });
});
