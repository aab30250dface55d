/**
 * The snooze in the pure core: which notices are marked snoozed (recorded, not sent), which openings are
 * held and released once, the `via` each notice carries (what a channel's `events` filter on), and the
 * object's wake-up at the snooze's end.
 */
import { describe, expect, it } from "vitest";
import { applyCheckIn } from "../../src/domain/checkin";
import { evaluate, type MonitorConfig, type MonitorEvent, type MonitorState, nextWakeAt } from "../../src/domain/monitor";
import { afterCheckIns, alertIds, at, fail, monitorConfig, success } from "./factory";

const DAILY = { kind: "interval", interval: 86_400 } as const;

/** The notify events, as what a receiver would be told: via, snoozed or not, to whom. */
const told = (events: MonitorEvent[]) =>
  events.flatMap((e) =>
    e.type === "notify" ? [`${e.notice} via ${e.via}${e.snoozed ? " (snoozed)" : ""} → ${e.channels.join(",")}`] : [],
  );

/** An alert opened by a failure at `seconds`, under `config`. */
function opened(config: MonitorConfig, seconds = 0): { state: MonitorState; events: MonitorEvent[] } {
  return applyCheckIn(config, afterCheckIns(config, []), fail(), at(seconds), alertIds());
}

describe("notices while snoozed", () => {
  const escalating = monitorConfig({
    schedule: DAILY,
    channels: [],
    escalation: [
      { after: 0, channels: ["ch-a"] },
      { after: 300, channels: ["ch-b"] },
    ],
    snoozedUntil: at(600),
  });

  it("the opening and a later step are marked snoozed and held; the snooze's end sends both once, each as what it was", () => {
    const open = opened(escalating);
    expect(told(open.events)).toEqual(["alert.opened via opened (snoozed) → ch-a"]);
    const step = evaluate(escalating, open.state, at(300), alertIds());
    expect(told(step.events)).toEqual(["alert.opened via escalation (snoozed) → ch-b"]);
    expect(step.state.progress?.held).toEqual([
      { channel: "ch-a", via: "opened" },
      { channel: "ch-b", via: "escalation" },
    ]);
    expect(nextWakeAt(escalating, step.state, at(300))).toBe(at(600));

    const end = evaluate(escalating, step.state, at(600), alertIds());
    expect(told(end.events)).toEqual(["alert.opened via opened → ch-a", "alert.opened via escalation → ch-b"]);
    expect(end.state.progress?.held).toEqual([]);
    expect(told(evaluate(escalating, end.state, at(601), alertIds()).events)).toEqual([]);
  });

  it("a closing inside the snooze is snoozed for channels whose opening was held, sent to those told before", () => {
    const open = opened({ ...escalating, snoozedUntil: null });
    const snoozedLater = { ...escalating, snoozedUntil: at(3600) };
    const step = evaluate(snoozedLater, open.state, at(300), alertIds());
    const closed = applyCheckIn(snoozedLater, step.state, success(), at(400), alertIds());
    expect(told(closed.events)).toEqual(["alert.closed via closed → ch-a", "alert.closed via closed (snoozed) → ch-b"]);
    expect(nextWakeAt(snoozedLater, closed.state, at(400))).not.toBe(at(3600));
  });

  it("reminders are snoozed and not held; a snooze in the past is no snooze", () => {
    const reminding = monitorConfig({ schedule: DAILY, channels: ["ch-a"], remindEvery: 600, snoozedUntil: at(3600) });
    const open = opened({ ...reminding, snoozedUntil: null });
    const reminder = evaluate(reminding, open.state, at(600), alertIds());
    expect(told(reminder.events)).toEqual(["alert.reminder via reminder (snoozed) → ch-a"]);
    expect(reminder.state.progress?.held).toEqual([]);
    const past = opened({ ...reminding, snoozedUntil: at(-1) });
    expect(told(past.events)).toEqual(["alert.opened via opened → ch-a"]);
  });
});
