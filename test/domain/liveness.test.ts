/** Liveness reports (domain/liveness.ts): when D1 is told of the newest ping, and what it is told. */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LIVENESS_REPORT_SECONDS,
  livenessReportDue,
  parseLivenessReportPeriod,
  withLivenessReport,
} from "../../src/domain/liveness";
import { initialState, type MonitorState } from "../../src/domain/monitor";
import { type PingInput, receivePing } from "../../src/domain/ping";
import type { SignalKind } from "../../src/domain/signals";
import { afterCheckIns, alertIds, at, DOMAIN_T0, monitorConfig, success } from "./factory";

const PERIOD = 300_000;
const stateWith = (fields: Partial<MonitorState>): MonitorState => ({ ...initialState(monitorConfig(), DOMAIN_T0), ...fields });

describe("livenessReportDue", () => {
  it.each([
    { name: "never pinged: nothing to tell", lastPingAt: null, reportedAt: null, due: false },
    { name: "pinged, never reported: due", lastPingAt: at(0), reportedAt: null, due: true },
    { name: "the reporting ping itself: not again", lastPingAt: at(0), reportedAt: at(0), due: false },
    { name: "a ping within the period: not due", lastPingAt: at(299.999), reportedAt: at(0), due: false },
    { name: "a ping a whole period after the last reported one: due", lastPingAt: at(300), reportedAt: at(0), due: true },
    { name: "long after: due", lastPingAt: at(86_400), reportedAt: at(0), due: true },
    // What an older release's outbox sync or a clock step could leave: nothing newer to tell.
    { name: "a last ping older than the reported one: not due", lastPingAt: at(0), reportedAt: at(600), due: false },
  ])("$name", ({ lastPingAt, reportedAt, due }) => {
    expect(livenessReportDue(stateWith({ lastPingAt, livenessReportedAt: reportedAt }), PERIOD)).toBe(due);
  });

  const hourly = monitorConfig({ schedule: { kind: "interval", interval: 3600 } });
  const pingOf = (kind: SignalKind): PingInput => {
    const body = new Uint8Array();
    return { signal: { kind, exitStatus: null }, runId: null, method: "GET", ip: null, userAgent: null, body, size: 0, truncated: false };
  };

  it.each([
    { kind: "log", reports: false },
    { kind: "success", reports: true },
    { kind: "start", reports: true },
    { kind: "fail", reports: true },
  ] as const)("a $kind ping a period after the last report: reports $reports", ({ kind, reports }) => {
    const reported = { ...afterCheckIns(hourly, [[0, success()]]), livenessReportedAt: at(0) };
    const outcome = receivePing(hourly, reported, pingOf(kind), at(400), alertIds());
    // A log line moves no last ping: D1 has nothing new to hear.
    expect(livenessReportDue(outcome.transition.state, PERIOD)).toBe(reports);
  });

  it("a /start to a monitor that stays paused reports: it moves the last ping", () => {
    const paused = { ...hourly, enabled: false };
    const state = { ...initialState(paused, DOMAIN_T0), lastPingAt: at(0), livenessReportedAt: at(0) };
    const outcome = receivePing(paused, state, pingOf("start"), at(400), alertIds());
    expect(outcome.transition.state.status).toBe("paused");
    expect(livenessReportDue(outcome.transition.state, PERIOD)).toBe(true);
  });

  it("a ping a monitor paused with manual_resume ignores does not: the last ping stays", () => {
    const paused = { ...hourly, enabled: false, manualResume: true };
    const state = { ...initialState(paused, DOMAIN_T0), lastPingAt: at(0), livenessReportedAt: at(0) };
    const outcome = receivePing(paused, state, pingOf("success"), at(400), alertIds());
    expect(livenessReportDue(outcome.transition.state, PERIOD)).toBe(false);
  });
});

describe("withLivenessReport", () => {
  it("when due: reports the last ping and run duration, and records the reported ping in the state", () => {
    const state = stateWith({ lastPingAt: at(400), lastDurationMs: 45_500, livenessReportedAt: at(0) });
    expect(withLivenessReport(state, PERIOD)).toEqual({
      state: { ...state, livenessReportedAt: at(400) },
      report: { lastPingAt: at(400), lastDurationMs: 45_500 },
    });
  });

  it("a first report may carry no duration", () => {
    expect(withLivenessReport(stateWith({ lastPingAt: at(5) }), PERIOD).report).toEqual({ lastPingAt: at(5), lastDurationMs: null });
  });

  it("when not due: the state unchanged (the same object) and no report", () => {
    const state = stateWith({ lastPingAt: at(100), lastDurationMs: 1000, livenessReportedAt: at(0) });
    const result = withLivenessReport(state, PERIOD);
    expect(result.state).toBe(state);
    expect(result.report).toBeNull();
  });

  it("pings every minute for an hour: one report per period, each a period apart", () => {
    let state = stateWith({});
    const reported: number[] = [];
    for (let minute = 0; minute <= 60; minute++) {
      const result = withLivenessReport({ ...state, lastPingAt: at(minute * 60) }, PERIOD);
      state = result.state;
      if (result.report) reported.push(result.report.lastPingAt);
    }
    expect(reported).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60].map((m) => at(m * 60)));
  });
});

describe("parseLivenessReportPeriod (LIVENESS_REPORT_SECONDS)", () => {
  it.each([
    { value: undefined, ms: DEFAULT_LIVENESS_REPORT_SECONDS * 1000 },
    { value: "60", ms: 60_000 },
    { value: "1", ms: 1000 },
    { value: "", ms: 300_000 },
    { value: "0", ms: 300_000 },
    { value: "-5", ms: 300_000 },
    { value: "2.5", ms: 300_000 },
    { value: "five", ms: 300_000 },
  ])("$value → $ms ms", ({ value, ms }) => {
    expect(parseLivenessReportPeriod(value)).toBe(ms);
  });
});
