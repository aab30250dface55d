import { describe, expect, it } from "vitest";
import { type AlertAction, alertAction, countTowardsAlert, NO_STREAK, type Outcome, type Streak } from "../../src/domain/thresholds";

describe("countTowardsAlert", () => {
  it.each([
    { name: "first failure", streak: NO_STREAK, outcome: "failure", want: { failures: 1, successes: 0 } },
    { name: "failures add up", streak: { failures: 2, successes: 0 }, outcome: "failure", want: { failures: 3, successes: 0 } },
    {
      name: "a success breaks a failure streak",
      streak: { failures: 2, successes: 0 },
      outcome: "success",
      want: { failures: 0, successes: 1 },
    },
    { name: "successes add up", streak: { failures: 0, successes: 4 }, outcome: "success", want: { failures: 0, successes: 5 } },
    {
      name: "a failure breaks a success streak",
      streak: { failures: 0, successes: 4 },
      outcome: "failure",
      want: { failures: 1, successes: 0 },
    },
  ] satisfies { name: string; streak: Streak; outcome: Outcome; want: Streak }[])("$name", ({ streak, outcome, want }) => {
    expect(countTowardsAlert(streak, outcome)).toEqual(want);
  });
});

describe("alertAction", () => {
  it.each([
    { name: "below the failure threshold", streak: { failures: 2, successes: 0 }, f: 3, r: 1, open: false, maint: false, want: "none" },
    { name: "at the failure threshold", streak: { failures: 3, successes: 0 }, f: 3, r: 1, open: false, maint: false, want: "open" },
    { name: "past it (already open)", streak: { failures: 4, successes: 0 }, f: 3, r: 1, open: true, maint: false, want: "none" },
    { name: "held back during maintenance", streak: { failures: 3, successes: 0 }, f: 3, r: 1, open: false, maint: true, want: "none" },
    { name: "below the recovery threshold", streak: { failures: 0, successes: 1 }, f: 1, r: 2, open: true, maint: false, want: "none" },
    { name: "at the recovery threshold", streak: { failures: 0, successes: 2 }, f: 1, r: 2, open: true, maint: false, want: "close" },
    {
      name: "closing is not held back by maintenance",
      streak: { failures: 0, successes: 1 },
      f: 1,
      r: 1,
      open: true,
      maint: true,
      want: "close",
    },
    {
      name: "successes with no alert do nothing",
      streak: { failures: 0, successes: 5 },
      f: 1,
      r: 1,
      open: false,
      maint: false,
      want: "none",
    },
    { name: "threshold 0 acts as 1 (open)", streak: { failures: 0, successes: 1 }, f: 0, r: 0, open: false, maint: false, want: "none" },
    { name: "threshold 0 acts as 1 (close)", streak: { failures: 1, successes: 0 }, f: 0, r: 0, open: true, maint: false, want: "none" },
  ] satisfies { name: string; streak: Streak; f: number; r: number; open: boolean; maint: boolean; want: AlertAction }[])(
    "$name",
    ({ streak, f, r, open, maint, want }) => {
      expect(alertAction(streak, { failureThreshold: f, recoveryThreshold: r }, open, maint)).toBe(want);
    },
  );
});

// Feeds outcomes one by one the way the state machine does (count, then ask), opening and closing the
// alert as told, and lists what was asked for.
function run(steps: string, failureThreshold: number, recoveryThreshold: number, maintenance = ""): AlertAction[] {
  let streak = NO_STREAK;
  let alertOpen = false;
  return [...steps].map((step, i) => {
    const outcome: Outcome = step === "F" ? "failure" : "success";
    streak = countTowardsAlert(streak, outcome);
    const action = alertAction(streak, { failureThreshold, recoveryThreshold }, alertOpen, maintenance[i] === "M");
    if (action !== "none") alertOpen = action === "open";
    return action;
  });
}

describe("countTowardsAlert then alertAction over a sequence (F = miss/failure, S = success)", () => {
  it.each([
    {
      name: "defaults: every failure alerts, every success recovers",
      steps: "FSFS",
      f: 1,
      r: 1,
      maint: "",
      want: ["open", "close", "open", "close"],
    },
    { name: "repeated failures open once", steps: "FFF", f: 1, r: 1, maint: "", want: ["open", "none", "none"] },
    { name: "three in a row", steps: "FFF", f: 3, r: 1, maint: "", want: ["none", "none", "open"] },
    { name: "a success in between resets", steps: "FFSFF", f: 3, r: 1, maint: "", want: ["none", "none", "none", "none", "none"] },
    {
      name: "recovery needs two in a row",
      steps: "FFSFSS",
      f: 2,
      r: 2,
      maint: "",
      want: ["none", "open", "none", "none", "none", "close"],
    },
    { name: "recovery threshold 3", steps: "FSSS", f: 1, r: 3, maint: "", want: ["open", "none", "none", "close"] },
    { name: "failures in maintenance open nothing", steps: "FFS", f: 1, r: 1, maint: "MMM", want: ["none", "none", "none"] },
    { name: "still failing after maintenance opens then", steps: "FFF", f: 1, r: 1, maint: "MM", want: ["none", "none", "open"] },
    { name: "counted through maintenance", steps: "FFF", f: 3, r: 1, maint: "MM", want: ["none", "none", "open"] },
    { name: "recovering during maintenance closes", steps: "FSF", f: 1, r: 1, maint: " MM", want: ["open", "close", "none"] },
  ])("$name", ({ steps, f, r, maint, want }) => {
    expect(run(steps, f, r, maint)).toEqual(want);
  });
});
