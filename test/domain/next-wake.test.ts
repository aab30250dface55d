/**
 * `nextWakeAt` (when the object's alarm must next fire by itself) and `nextDueAt` (the API's
 * `next_due_at`), for each kind of timer, at a frozen `now`.
 */
import { describe, expect, it } from "vitest";
import { evaluate, initialState, type MonitorConfig, type MonitorState, nextDueAt, nextWakeAt } from "../../src/domain/monitor";
import { afterCheckIns, alertIds, at, DOMAIN_T0, fail, monitorConfig, start, success } from "./factory";

const every = (interval: number): MonitorConfig["schedule"] => ({ kind: "interval", interval });
const daily = every(86_400);

interface Case {
  name: string;
  config: MonitorConfig;
  /** The state to ask about, and the time to ask at (seconds after DOMAIN_T0). */
  state: (config: MonitorConfig) => MonitorState;
  seconds: number;
  wake: number | null;
  due: number | null;
}

const evaluatedAt = (seconds: number, checkIns: Parameters<typeof afterCheckIns>[1]) => (config: MonitorConfig) =>
  evaluate(config, afterCheckIns(config, checkIns), at(seconds), alertIds()).state;

describe("nextWakeAt and nextDueAt", () => {
  it.each<Case>([
    {
      name: "a new monitor sleeps until its first ping",
      config: monitorConfig(),
      state: (c) => initialState(c, DOMAIN_T0),
      seconds: 0,
      wake: null,
      due: null,
    },
    {
      name: "a paused monitor never wakes by itself",
      config: monitorConfig({ enabled: false }),
      state: (c) => afterCheckIns(c, [[0, success()]]),
      seconds: 10,
      wake: null,
      due: null,
    },
    {
      name: "up, with grace: wakes when it turns late",
      config: monitorConfig({ schedule: every(60), grace: 30 }),
      state: (c) => afterCheckIns(c, [[0, success()]]),
      seconds: 10,
      wake: 60,
      due: 60,
    },
    {
      name: "up, no grace: wakes when it is down",
      config: monitorConfig({ schedule: every(60), grace: 0 }),
      state: (c) => afterCheckIns(c, [[0, success()]]),
      seconds: 10,
      wake: 60,
      due: 60,
    },
    {
      name: "late: wakes at the end of the grace",
      config: monitorConfig({ schedule: every(60), grace: 30 }),
      state: evaluatedAt(70, [[0, success()]]),
      seconds: 70,
      wake: 90,
      due: 60,
    },
    {
      name: "running: wakes at the run's timeout, which is also next_due_at",
      config: monitorConfig({ schedule: daily, maxRuntime: 600 }),
      state: (c) => afterCheckIns(c, [[100, start()]]),
      seconds: 200,
      wake: 700,
      due: 700,
    },
    {
      name: "overlapping runs: the earliest timeout",
      config: monitorConfig({ schedule: daily, maxRuntime: 600 }),
      state: (c) =>
        afterCheckIns(c, [
          [50, start("a")],
          [100, start("b")],
        ]),
      seconds: 200,
      wake: 650,
      due: 650,
    },
    {
      name: "down after a /fail, alert open, nothing more to send: wakes when the next ping is overdue",
      config: monitorConfig({ schedule: daily }),
      state: (c) => afterCheckIns(c, [[0, fail()]]),
      seconds: 10,
      wake: 86_430,
      due: 86_400,
    },
    {
      name: "down, alert open: wakes for the next escalation step",
      config: monitorConfig({
        schedule: daily,
        channels: [],
        escalation: [
          { after: 0, channels: ["a"] },
          { after: 300, channels: ["b"] },
        ],
      }),
      state: (c) => afterCheckIns(c, [[0, fail()]]),
      seconds: 10,
      wake: 300,
      due: 86_400,
    },
    {
      name: "down, alert open: wakes for the next reminder",
      config: monitorConfig({ schedule: daily, remindEvery: 3600 }),
      state: (c) => afterCheckIns(c, [[0, fail()]]),
      seconds: 10,
      wake: 3600,
      due: 86_400,
    },
    {
      name: "down in maintenance, no alert yet: wakes when the window ends",
      config: monitorConfig({ schedule: daily, maintenance: [{ kind: "once", startsAt: DOMAIN_T0, endsAt: at(1800) }] }),
      state: (c) => afterCheckIns(c, [[0, fail()]]),
      seconds: 10,
      wake: 1800,
      due: 86_400,
    },
  ])("$name", ({ config, state, seconds, wake, due }) => {
    const current = state(config);
    expect(nextWakeAt(config, current, at(seconds))).toBe(wake === null ? null : at(wake));
    expect(nextDueAt(config, current)).toBe(due === null ? null : at(due));
  });
});
