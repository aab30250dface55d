/**
 * The grouping point's rule for alert storms (src/domain/alert-group.ts): below the threshold every notice
 * goes out at once; past it, a channel's notices are held and released as one message per type at the
 * window's end; a closing never overtakes its opening.
 */
import { describe, expect, it } from "vitest";
import {
  type AlertGrouping,
  admitNotice,
  type ChannelGroupState,
  DEFAULT_ALERT_GROUPING,
  dueGroups,
  NO_GROUP,
  validateAlertGrouping,
} from "../../src/domain/alert-group";
import type { NoticeType } from "../../src/domain/monitor";
import { at } from "./factory";

const on: AlertGrouping = { enabled: true, threshold: 5, window: 60 };

/** Hands the notices to the grouping point in order; returns each verdict and the state after. */
function admitAll(notices: readonly (readonly [number, string, NoticeType])[], grouping = on, start: ChannelGroupState = NO_GROUP) {
  let state = start;
  const verdicts: string[] = [];
  for (const [seconds, alertId, notice] of notices) {
    const admission = admitNotice(state, { deliveryId: `dlv-${alertId}-${notice}`, alertId, notice }, grouping, at(seconds));
    verdicts.push(admission.verdict);
    state = admission.state;
  }
  return { verdicts, state };
}

const openings = (count: number, fromSecond = 0) =>
  Array.from({ length: count }, (_, i) => [fromSecond + i, `alt-${fromSecond + i}`, "alert.opened"] as const);

describe("alert storms: admission", () => {
  it("10 openings in the same minute: the first 5 go out at once, the other 5 are held for one message", () => {
    const { verdicts, state } = admitAll(openings(10));
    expect(verdicts).toEqual([...Array(5).fill("send"), ...Array(5).fill("hold")]);
    // The group's window starts with its first held notice.
    expect(state.flushAt).toBe(at(5 + 60));
    expect(dueGroups(state, at(64)).groups).toEqual([]);
    const { groups, state: after } = dueGroups(state, at(65));
    expect(groups).toHaveLength(1);
    expect(groups[0]?.notice).toBe("alert.opened");
    expect(groups[0]?.members.map((member) => member.alertId)).toEqual(["alt-5", "alt-6", "alt-7", "alt-8", "alt-9"]);
    expect(after.held).toEqual([]);
    expect(after.flushAt).toBeNull();
  });

  it("at the threshold nothing changes: 5 openings in a minute all go out at once", () => {
    expect(admitAll(openings(5)).verdicts).toEqual(Array(5).fill("send"));
  });

  it("openings spread wider than the window are never held", () => {
    const spread = Array.from({ length: 20 }, (_, i) => [i * 13, `alt-${i}`, "alert.opened"] as const);
    expect(admitAll(spread).verdicts).toEqual(Array(20).fill("send"));
  });

  it("disabled (the default today): every notice goes out at once", () => {
    expect(DEFAULT_ALERT_GROUPING.enabled).toBe(false);
    expect(admitAll(openings(50), DEFAULT_ALERT_GROUPING).verdicts).toEqual(Array(50).fill("send"));
  });

  it("recoveries are counted and grouped apart from openings", () => {
    const closings = Array.from({ length: 8 }, (_, i) => [100 + i, `alt-${i}`, "alert.closed"] as const);
    const { verdicts, state } = admitAll([...openings(4), ...closings]);
    expect(verdicts).toEqual([...Array(4).fill("send"), ...Array(5).fill("send"), ...Array(3).fill("hold")]);
    expect(dueGroups(state, at(200)).groups.map((group) => [group.notice, group.members.length])).toEqual([["alert.closed", 3]]);
  });

  it("a closing whose opening is held is held too, and goes out after it in the same flush", () => {
    const { verdicts, state } = admitAll([...openings(6), [10, "alt-5", "alert.closed"]]);
    // alt-5's opening was the 6th: held. Its closing would be the first closing (below the threshold), but must not overtake it.
    expect(verdicts.slice(5)).toEqual(["hold", "hold"]);
    expect(dueGroups(state, at(70)).groups.map((group) => group.notice)).toEqual(["alert.opened", "alert.closed"]);
  });

  it("a storm that goes on yields one grouped message per window, not one per notice", () => {
    let state: ChannelGroupState = NO_GROUP;
    const messages: number[] = [];
    for (let second = 0; second < 300; second++) {
      state = admitNotice(state, { deliveryId: `d${second}`, alertId: `a${second}`, notice: "alert.opened" }, on, at(second)).state;
      const due = dueGroups(state, at(second));
      state = due.state;
      messages.push(...due.groups.map((group) => group.members.length));
    }
    // 5 sent alone, then a group per minute while it lasts (the last one still held at 300 s).
    expect(messages.length).toBeLessThanOrEqual(5);
    expect(messages.reduce((sum, n) => sum + n, 0) + state.held.length).toBe(295);
  });
});

describe("alert storms: settings", () => {
  it.each([
    [{ threshold: 0 }, "threshold"],
    [{ threshold: 2.5 }, "threshold"],
    [{ threshold: 1001 }, "threshold"],
    [{ window: 9 }, "window"],
    [{ window: 3601 }, "window"],
  ])("%o is refused, naming %s", (change, field) => {
    expect(validateAlertGrouping({ ...on, ...change })?.field).toBe(field);
  });

  it("the defaults and the bounds are accepted", () => {
    expect(validateAlertGrouping(DEFAULT_ALERT_GROUPING)).toBeNull();
    expect(validateAlertGrouping({ enabled: true, threshold: 1, window: 10 })).toBeNull();
    expect(validateAlertGrouping({ enabled: true, threshold: 1000, window: 3600 })).toBeNull();
  });
});
