import { describe, expect, it } from "vitest";
import type { DeliveryRecord } from "../../src/db/deliveries";
import type { PingEntry } from "../../src/do/storage/ping-log";
import { deliveryResult, mergeEvents, pingWords } from "../../src/pages/details/events";
import { formatPercent } from "../../src/pages/details/sections";
import { statusSentence } from "../../src/pages/details/status-sentence";

const H = 3_600_000;
const NOW = Date.parse("2026-03-01T06:10:00Z");
const base = { status: "up" as const, lastPingAt: null, statusChangedAt: NOW - H, runs: {}, failure: null, due: null };

describe("the status sentence", () => {
  it("never pinged", () => {
    expect(statusSentence({ ...base, status: "new" }, NOW, "UTC")).toBe("Never pinged: waiting for its first ping");
  });

  it("down since a time today, last ping hours ago, and why", () => {
    const state = { ...base, status: "down" as const, statusChangedAt: Date.parse("2026-03-01T03:10:00Z"), lastPingAt: NOW - 3 * H };
    expect(statusSentence({ ...state, failure: { reason: "missed", exitStatus: null } }, NOW, "UTC")).toBe(
      "Down since 03:10 UTC, last ping 3 hours ago (missed ping)",
    );
    expect(statusSentence({ ...state, failure: { reason: "failed", exitStatus: 3 } }, NOW, "Europe/Berlin")).toBe(
      "Down since 04:10 Europe/Berlin, last ping 3 hours ago (the job reported a failure, exit status 3)",
    );
  });

  it("a time on another day carries its date", () => {
    const state = { ...base, status: "paused" as const, statusChangedAt: NOW - 30 * H, lastPingAt: NOW - 30 * H };
    expect(statusSentence(state, NOW, "UTC")).toBe("Paused since 2026-02-28 00:10 UTC, last ping 30 hours ago");
  });

  it("running, from its oldest run", () => {
    const runs = { a: NOW - 2 * 60_000, b: NOW - 60_000 };
    expect(statusSentence({ ...base, status: "running", runs }, NOW, "UTC")).toBe("Running, started 2 min ago (2 runs)");
  });

  it("up and late name the next deadline, every time with its zone", () => {
    const due = { lateAt: NOW + H, downAt: NOW + 2 * H };
    expect(statusSentence({ ...base, lastPingAt: NOW - 60_000, due }, NOW, "UTC")).toBe(
      "Up since 05:10 UTC, last ping 1 min ago; next ping expected by 07:10 UTC",
    );
    expect(statusSentence({ ...base, status: "late", lastPingAt: NOW - H, due }, NOW, "UTC")).toBe(
      "Late since 05:10 UTC, last ping 1 hour ago; down at 08:10 UTC unless a ping comes",
    );
  });
});

const entry = (at: number, fields: Partial<PingEntry> = {}): PingEntry => ({
  n: at,
  at,
  kind: "success",
  exitStatus: null,
  method: "GET",
  ip: null,
  userAgent: null,
  runId: null,
  durationMs: null,
  body: "",
  bodyEncoding: "utf-8",
  bodySize: 0,
  truncated: false,
  note: null,
  coalesced: 1,
  ...fields,
});

const delivery = (fields: Partial<DeliveryRecord>): DeliveryRecord => ({
  id: "dlv_1",
  alertId: "alt_1",
  monitorId: "mon_1",
  channelId: "chn_1",
  eventType: "alert.opened",
  status: "delivered",
  attempts: 1,
  lastStatusCode: 200,
  lastError: null,
  nextAttemptAt: null,
  deliveredAt: NOW,
  payload: "{}",
  createdAt: NOW,
  updatedAt: NOW,
  ...fields,
});

describe("the event log", () => {
  it("merges newest first; at one instant the delivery above its alert above the flip above the ping", () => {
    const alert = {
      id: "alt_1",
      monitorId: "mon_1",
      reason: "failed" as const,
      openedAt: NOW,
      closedAt: NOW + H,
      closeReason: "ping" as const,
    };
    const events = mergeEvents(
      {
        pings: [entry(NOW, { kind: "fail" }), entry(NOW - H)],
        flips: [{ id: "f", monitorId: "mon_1", at: NOW, from: "up", to: "down", reason: "failed", alertId: "alt_1" }],
        alerts: [alert],
        deliveries: [delivery({})],
        channelNames: new Map([["chn_1", "ops"]]),
      },
      10,
    );
    expect(events.map((e) => e.kind)).toEqual(["alert-closed", "delivery", "alert-opened", "flip", "ping", "ping"]);
    expect(events[1]).toMatchObject({ channel: "ops" });
  });

  it("cuts the merged log at its limit", () => {
    const pings = [entry(NOW), entry(NOW - 1), entry(NOW - 2)];
    expect(mergeEvents({ pings, flips: [], alerts: [], deliveries: [], channelNames: new Map() }, 2)).toHaveLength(2);
  });

  it("pings and deliveries in words", () => {
    expect(pingWords(entry(NOW, { kind: "fail", exitStatus: 3 }))).toBe("Ping: fail (exit status 3)");
    expect(pingWords(entry(NOW, { coalesced: 40 }))).toBe("Ping: success, 40 pings");
    expect(deliveryResult(delivery({}))).toBe("delivered (HTTP 200)");
    expect(deliveryResult(delivery({ status: "failed", attempts: 5, lastStatusCode: 500, lastError: "server error" }))).toBe(
      "failed after 5 attempts: HTTP 500, server error",
    );
    expect(deliveryResult(delivery({ status: "pending", attempts: 0, lastStatusCode: null }))).toBe("pending");
  });

  it("uptime never rounds a bad month up to 100 %", () => {
    expect(formatPercent(99.999, true)).toBe("99.99 %");
    expect(formatPercent(100, false)).toBe("100.00 %");
    expect(formatPercent(99.937, true)).toBe("99.93 %");
  });
});
