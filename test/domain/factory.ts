/**
 * Plain values for driving the pure state machine: a monitor config with every field spelled out, a
 * frozen clock (`now` is just a number) and deterministic alert ids.
 */
import { DEFAULT_ALERT_GROUPING } from "../../src/domain/alert-group";
import type { CheckIn } from "../../src/domain/checkin";
import { applyCheckIn } from "../../src/domain/checkin";
import { initialState, type MonitorConfig, type MonitorEvent, type MonitorState, type NoticeType } from "../../src/domain/monitor";

/**
 * The frozen clock's epoch: every test time is DOMAIN_T0 plus some seconds. Named apart from test/helpers.ts's T0
 * (2100, for the workerd tests, where a near date would let the real alarm scheduler fire): pure tests have no
 * scheduler, so any date does.
 */
export const DOMAIN_T0 = Date.parse("2026-01-01T00:00:00Z");
export const at = (seconds: number) => DOMAIN_T0 + seconds * 1000;

export function monitorConfig(overrides: Partial<MonitorConfig> = {}): MonitorConfig {
  return {
    id: "mon-1",
    pingToken: "token-1",
    name: "nightly backup",
    slug: null,
    schedule: { kind: "interval", interval: 60 },
    grace: 30,
    earlyTolerance: 0,
    maxRuntime: null,
    manualResume: false,
    successKeywords: [],
    failureKeywords: [],
    maintenance: [],
    teamMaintenance: [],
    teamAlertGrouping: DEFAULT_ALERT_GROUPING,
    pingLogSize: 100,
    summary: null,
    tags: [],
    location: null,
    enabled: true,
    snoozedUntil: null,
    createdAt: DOMAIN_T0,
    updatedAt: DOMAIN_T0,
    channels: ["ch-1"],
    escalation: [],
    remindEvery: null,
    failureThreshold: 1,
    recoveryThreshold: 1,
    ...overrides,
  };
}

/** Alert ids "alert-1", "alert-2", ...: a test can tell a second alert from the first. */
export function alertIds(): () => string {
  let next = 0;
  return () => `alert-${++next}`;
}

export const success = (runId = ""): CheckIn => ({ signal: { kind: "success", exitStatus: null }, runId });
export const start = (runId = ""): CheckIn => ({ signal: { kind: "start", exitStatus: null }, runId });
export const fail = (exitStatus: number | null = null, runId = ""): CheckIn => ({ signal: { kind: "fail", exitStatus }, runId });
export const log = (): CheckIn => ({ signal: { kind: "log", exitStatus: null }, runId: "" });

/** A fresh monitor that received `checkIns` in order, each at its own time (seconds after DOMAIN_T0). */
export function afterCheckIns(
  config: MonitorConfig,
  checkIns: readonly (readonly [number, CheckIn])[],
  newAlertId = alertIds(),
): MonitorState {
  let state = initialState(config, DOMAIN_T0);
  for (const [seconds, checkIn] of checkIns) state = applyCheckIn(config, state, checkIn, at(seconds), newAlertId).state;
  return state;
}

export const eventTypes = (events: MonitorEvent[]) => events.map((event) => event.type);

export const statusChanges = (events: MonitorEvent[]) =>
  events.flatMap((event) => (event.type === "status.changed" ? [`${event.from}->${event.to}`] : []));

/** The notifications a transition asks for, as (notice, channels) pairs: what the outbox will send. */
export const notices = (events: MonitorEvent[]): { notice: NoticeType; channels: string[] }[] =>
  events.flatMap((event) => (event.type === "notify" ? [{ notice: event.notice, channels: event.channels }] : []));
