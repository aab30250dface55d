/** `receivePing`: what one ping means (keywords, resume-on-ping, check-in, log entry), at a frozen `now`. */
import { describe, expect, it } from "vitest";
import { initialState, type MonitorConfig, type MonitorState } from "../../src/domain/monitor";
import { type PingInput, receivePing } from "../../src/domain/ping";
import type { Signal, SignalKind } from "../../src/domain/signals";
import { afterCheckIns, alertIds, at, DOMAIN_T0, monitorConfig, notices, statusChanges, success } from "./factory";

const RUN_A = "0b7e1c2a-0000-4000-8000-00000000000a";
const RUN_B = "0b7e1c2a-0000-4000-8000-00000000000b";

const signalOf = (kind: SignalKind, exitStatus: number | null = null): Signal => ({ kind, exitStatus });

function pingOf(signal: Signal, overrides: Partial<PingInput> & { text?: string } = {}): PingInput {
  const { text = "", ...rest } = overrides;
  const body = new TextEncoder().encode(text);
  return { signal, runId: null, method: "POST", ip: "192.0.2.1", userAgent: "curl/8", body, size: body.length, truncated: false, ...rest };
}

/** A monitor that received these pings in order (seconds after DOMAIN_T0), through receivePing. */
function afterPings(
  config: MonitorConfig,
  pings: readonly (readonly [number, PingInput])[],
): { config: MonitorConfig; state: MonitorState } {
  const newAlertId = alertIds();
  let current = { config, state: initialState(config, DOMAIN_T0) };
  for (const [seconds, ping] of pings) {
    const outcome = receivePing(current.config, current.state, ping, at(seconds), newAlertId);
    current = { config: outcome.config, state: outcome.transition.state };
  }
  return current;
}

describe("receivePing: keyword filters decide what a success counts as", () => {
  const filtered = monitorConfig({ successKeywords: ["OK"], failureKeywords: ["ERROR"] });
  it.each([
    {
      name: "a failure keyword makes it a failure",
      signal: signalOf("success"),
      text: "ERROR: disk full",
      counts: "fail",
      status: "down",
      note: "keyword: ERROR",
    },
    {
      name: "failure keywords are checked first",
      signal: signalOf("success"),
      text: "OK then ERROR",
      counts: "fail",
      status: "down",
      note: "keyword: ERROR",
    },
    {
      name: "a success keyword keeps it a success",
      signal: signalOf("success"),
      text: "backup OK",
      counts: "success",
      status: "up",
      note: "keyword: OK",
    },
    {
      name: "no success keyword: kept as a log line",
      signal: signalOf("success"),
      text: "done",
      counts: "log",
      status: "new",
      note: "no success keyword: kept as log",
    },
    {
      name: "/0 is filtered like a plain success",
      signal: signalOf("success", 0),
      text: "ERROR",
      counts: "fail",
      status: "down",
      note: "keyword: ERROR",
    },
    { name: "an explicit /fail is not filtered", signal: signalOf("fail"), text: "OK", counts: "fail", status: "down", note: null },
    { name: "a /start is not filtered", signal: signalOf("start"), text: "ERROR", counts: "start", status: "running", note: null },
  ])("$name", ({ signal, text, counts, status, note }) => {
    const { transition, logEntry, verdict } = receivePing(
      filtered,
      initialState(filtered, DOMAIN_T0),
      pingOf(signal, { text }),
      at(10),
      alertIds(),
    );
    expect(verdict.kind).toBe(counts);
    expect(logEntry.kind).toBe(counts);
    expect(logEntry.note).toBe(note);
    expect(transition.state.status).toBe(status);
  });

  it("a success demoted to a failure by a keyword keeps no exit status; a real one keeps it", () => {
    const config = monitorConfig({ failureKeywords: ["ERROR"] });
    const demoted = receivePing(
      config,
      initialState(config, DOMAIN_T0),
      pingOf(signalOf("success", 0), { text: "ERROR" }),
      at(1),
      alertIds(),
    );
    expect(demoted.logEntry.exitStatus).toBeNull();
    expect(demoted.transition.state.failure).toEqual({ reason: "failed", exitStatus: null });
    const exited = receivePing(config, initialState(config, DOMAIN_T0), pingOf(signalOf("fail", 3)), at(1), alertIds());
    expect(exited.logEntry.exitStatus).toBe(3);
    expect(exited.transition.state.failure).toEqual({ reason: "failed", exitStatus: 3 });
  });
});

describe("receivePing: a ping to a paused monitor", () => {
  const paused = monitorConfig({ enabled: false, updatedAt: DOMAIN_T0 });
  it.each([
    { name: "a success resumes it: up", signal: signalOf("success"), resumes: true, status: "up", changes: ["paused->new", "new->up"] },
    {
      name: "exit status 0 resumes it: up",
      signal: signalOf("success", 0),
      resumes: true,
      status: "up",
      changes: ["paused->new", "new->up"],
    },
    { name: "a /fail resumes it: down", signal: signalOf("fail"), resumes: true, status: "down", changes: ["paused->new", "new->down"] },
    {
      name: "exit status 2 resumes it: down",
      signal: signalOf("fail", 2),
      resumes: true,
      status: "down",
      changes: ["paused->new", "new->down"],
    },
    { name: "a /start does not resume it", signal: signalOf("start"), resumes: false, status: "paused", changes: [] },
    { name: "a /log does not resume it", signal: signalOf("log"), resumes: false, status: "paused", changes: [] },
  ])("$name", ({ signal, resumes, status, changes }) => {
    const outcome = receivePing(paused, initialState(paused, DOMAIN_T0), pingOf(signal), at(10), alertIds());
    expect(outcome.config.enabled).toBe(resumes);
    expect(outcome.config.updatedAt).toBe(resumes ? at(10) : DOMAIN_T0);
    expect(outcome.transition.state.status).toBe(status);
    expect(statusChanges(outcome.transition.events)).toEqual(changes);
    expect(outcome.logEntry.note).toBe(resumes ? null : "monitor paused: logged only");
  });

  it("a resuming /fail opens an alert and tells the channels", () => {
    const { transition } = receivePing(paused, initialState(paused, DOMAIN_T0), pingOf(signalOf("fail")), at(10), alertIds());
    expect(transition.state.alert).toMatchObject({ id: "alert-1", reason: "failed", openedAt: at(10) });
    expect(notices(transition.events)).toEqual([{ notice: "alert.opened", channels: ["ch-1"] }]);
  });

  it("a /start records when it came, a /log does not", () => {
    const state = initialState(paused, DOMAIN_T0);
    expect(receivePing(paused, state, pingOf(signalOf("start")), at(10), alertIds()).transition.state.lastPingAt).toBe(at(10));
    expect(receivePing(paused, state, pingOf(signalOf("log")), at(10), alertIds()).transition.state.lastPingAt).toBeNull();
  });

  it("a success a keyword turned into a log line leaves it paused", () => {
    const config = { ...paused, successKeywords: ["OK"] };
    const outcome = receivePing(config, initialState(config, DOMAIN_T0), pingOf(signalOf("success"), { text: "nope" }), at(10), alertIds());
    expect(outcome.config).toBe(config);
    expect(outcome.transition.state.status).toBe("paused");
    expect(outcome.transition.events).toEqual([]);
    expect(outcome.logEntry).toMatchObject({ kind: "log", note: "no success keyword: kept as log; monitor paused: logged only" });
  });

  it("a failure keyword on a paused monitor resumes it as a failure", () => {
    const config = { ...paused, failureKeywords: ["ERROR"] };
    const outcome = receivePing(
      config,
      initialState(config, DOMAIN_T0),
      pingOf(signalOf("success"), { text: "ERROR" }),
      at(10),
      alertIds(),
    );
    expect(outcome.config.enabled).toBe(true);
    expect(outcome.transition.state.status).toBe("down");
    expect(outcome.logEntry.note).toBe("keyword: ERROR");
  });

  it("an enabled monitor's configuration comes back as the same object (nothing to store)", () => {
    const config = monitorConfig();
    expect(receivePing(config, initialState(config, DOMAIN_T0), pingOf(signalOf("success")), at(1), alertIds()).config).toBe(config);
  });
});

describe("receivePing: a monitor paused with manual_resume ignores every ping (healthchecks.io: kind ign)", () => {
  const manual = monitorConfig({ enabled: false, manualResume: true, updatedAt: DOMAIN_T0 });
  // Pinged once while it ran, then paused: what it knew of its last ping must stay as it was.
  const before = { ...initialState(manual, DOMAIN_T0), lastPingAt: at(5) };
  it.each([
    { name: "a success", signal: signalOf("success"), text: "" },
    { name: "exit status 0", signal: signalOf("success", 0), text: "" },
    { name: "a /fail", signal: signalOf("fail"), text: "" },
    { name: "exit status 2", signal: signalOf("fail", 2), text: "" },
    { name: "a /start", signal: signalOf("start"), text: "" },
    { name: "a /log", signal: signalOf("log"), text: "" },
  ])("$name: stays paused, last ping unchanged, logged as ignored", ({ signal, text }) => {
    const outcome = receivePing(manual, before, pingOf(signal, { text }), at(10), alertIds());
    expect(outcome.config).toBe(manual);
    expect(outcome.transition).toEqual({ state: before, events: [] });
    expect(outcome.transition.state.lastPingAt).toBe(at(5));
    expect(outcome.durationMs).toBeNull();
    expect(outcome.logEntry).toMatchObject({
      at: at(10),
      kind: "ignored",
      exitStatus: signal.exitStatus,
      note: "monitor paused with manual_resume: ignored",
    });
  });

  it("a failure keyword does not resume it either", () => {
    const config = { ...manual, failureKeywords: ["ERROR"] };
    const outcome = receivePing(config, before, pingOf(signalOf("success"), { text: "ERROR" }), at(10), alertIds());
    expect(outcome.config).toBe(config);
    expect(outcome.transition.state).toBe(before);
    expect(outcome.logEntry.kind).toBe("ignored");
  });

  it("once resumed (enabled by the API), the next success counts again: up", () => {
    const resumed = { ...manual, enabled: true, updatedAt: at(20) };
    const outcome = receivePing(resumed, { ...before, status: "new" }, pingOf(signalOf("success")), at(30), alertIds());
    expect(outcome.transition.state).toMatchObject({ status: "up", lastPingAt: at(30) });
    expect(outcome.logEntry).toMatchObject({ kind: "success", note: null });
  });
});

describe("receivePing: runs, with and without ?rid=", () => {
  const config = monitorConfig({ schedule: { kind: "interval", interval: 3600 } });
  it.each([
    { name: "start and end without rid", startRid: null, endRid: null, durationMs: 5000, left: {} },
    { name: "start and end with the same rid", startRid: RUN_A, endRid: RUN_A, durationMs: 5000, left: {} },
    { name: "an end without rid ends the rid's run, with no duration", startRid: RUN_A, endRid: null, durationMs: null, left: {} },
    { name: "an end naming another rid ends the newest run, with no duration", startRid: RUN_A, endRid: RUN_B, durationMs: null, left: {} },
  ])("$name", ({ startRid, endRid, durationMs, left }) => {
    const running = afterPings(config, [[0, pingOf(signalOf("start"), { runId: startRid })]]);
    const end = receivePing(running.config, running.state, pingOf(signalOf("success"), { runId: endRid }), at(5), alertIds());
    expect(end.durationMs).toBe(durationMs);
    expect(end.logEntry.durationMs).toBe(durationMs);
    expect(end.logEntry.runId).toBe(endRid);
    expect(end.transition.state.runs).toEqual(left);
    expect(end.transition.state.status).toBe("up");
  });

  it("overlapping runs: the monitor stays running until the last one ends, each with its own duration", () => {
    const both = afterPings(config, [
      [0, pingOf(signalOf("start"), { runId: RUN_A })],
      [2, pingOf(signalOf("start"), { runId: RUN_B })],
    ]);
    const endA = receivePing(both.config, both.state, pingOf(signalOf("success"), { runId: RUN_A }), at(10), alertIds());
    expect(endA.durationMs).toBe(10_000);
    expect(endA.transition.state.status).toBe("running");
    const endB = receivePing(both.config, endA.transition.state, pingOf(signalOf("success"), { runId: RUN_B }), at(12), alertIds());
    expect(endB.durationMs).toBe(10_000);
    expect(endB.transition.state.status).toBe("up");
  });
});

describe("receivePing: the log entry", () => {
  const config = monitorConfig();
  const up = afterCheckIns(config, [[0, success()]]);

  it("keeps the ping's facts as sent", () => {
    const ping = pingOf(signalOf("fail", 7), { runId: RUN_A, method: "GET", ip: null, userAgent: "runitor/1.2", text: "exit 7" });
    const { logEntry } = receivePing(config, up, ping, at(42), alertIds());
    expect(logEntry).toEqual({
      at: at(42),
      kind: "fail",
      exitStatus: 7,
      method: "GET",
      ip: null,
      userAgent: "runitor/1.2",
      runId: RUN_A,
      durationMs: null,
      body: "exit 7",
      bodyEncoding: "utf-8",
      bodySize: 6,
      truncated: false,
      note: null,
    });
  });

  it.each([
    {
      name: "bytes that are not UTF-8 are kept as base64",
      body: new Uint8Array([0xff, 0xfe, 0x00]),
      size: 3,
      truncated: false,
      encoding: "base64",
      cut: false,
    },
    {
      name: "a body the Worker already cut is marked truncated",
      body: new Uint8Array([0x61]),
      size: 500_000,
      truncated: true,
      encoding: "utf-8",
      cut: true,
    },
    {
      name: "a body longer than the log keeps is cut",
      body: new Uint8Array(20_000).fill(0x61),
      size: 20_000,
      truncated: false,
      encoding: "utf-8",
      cut: true,
    },
  ])("$name", ({ body, size, truncated, encoding, cut }) => {
    const { logEntry } = receivePing(config, up, pingOf(signalOf("log"), { body, size, truncated }), at(1), alertIds());
    expect(logEntry.bodyEncoding).toBe(encoding);
    expect(logEntry.bodySize).toBe(size);
    expect(logEntry.truncated).toBe(cut);
  });

  it("a /log line changes no state but is logged", () => {
    const { transition, logEntry } = receivePing(config, up, pingOf(signalOf("log"), { text: "step 2 of 3" }), at(5), alertIds());
    expect(transition.state).toEqual(up);
    expect(transition.events).toEqual([]);
    expect(logEntry).toMatchObject({ kind: "log", body: "step 2 of 3", at: at(5) });
  });
});
