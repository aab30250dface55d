/**
 * Stored JSON written before formats had versions (releases up to this one wrote bare `JSON.stringify`
 * of the domain objects, some without fields added later) is read back correctly: by the object when it
 * wakes, by the API from D1, and by the outbox when it runs jobs queued then. The rows below are spelled
 * out literally, in that format, rather than produced by today's writers.
 */

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readStored, readStoredList, storedList, writeStored } from "../../../src/db/stored/format";
import { MONITOR_CONFIG, MONITOR_STATE } from "../../../src/db/stored/monitor";
import { DEFAULT_ALERT_GROUPING } from "../../../src/domain/alert-group";
import {
  advanceTo,
  api,
  createMonitor,
  createWebhookChannel,
  interceptFetch,
  ping,
  S,
  setNow,
  settle,
  stub,
  T0,
  useFakeClock,
} from "../../helpers";
import { watchWaitUntil } from "../../wait-until";

useFakeClock(T0);

/** A monitor configuration as 0.1 stored it: no `version`, no `teamMaintenance`. */
function configBeforeVersions(id: string, pingToken: string, channelId: string): Record<string, unknown> {
  return {
    name: "legacy backup",
    slug: null,
    grace: 30,
    earlyTolerance: 0,
    maxRuntime: null,
    failureThreshold: 1,
    recoveryThreshold: 1,
    summary: null,
    enabled: true,
    manualResume: false,
    successKeywords: [],
    failureKeywords: [],
    maintenance: [],
    pingLogSize: 100,
    channels: [channelId],
    escalation: [],
    remindEvery: null,
    id,
    pingToken,
    schedule: { kind: "interval", interval: 60 },
    createdAt: T0,
    updatedAt: T0,
  };
}

/** An `up` monitor's state, pinged at T0, as stored before versions. */
const STATE_BEFORE_VERSIONS = JSON.stringify({
  status: "up",
  lastPingAt: T0,
  timerFrom: T0,
  due: { lateAt: T0 + 60 * S, downAt: T0 + 90 * S },
  runs: {},
  streak: { failures: 0, successes: 1 },
  failure: null,
  alert: null,
  progress: null,
  statusChangedAt: T0,
});

/** Drops the object's in-memory copies: the next request wakes a fresh instance, which reads storage. */
async function restartObject(monitorId: string): Promise<void> {
  await expect(runInDurableObject(stub(monitorId), (_, state) => state.abort("restart"))).rejects.toThrow("restart");
}

const tokenOf = (pingUrl: string) => pingUrl.split("/").pop() ?? "";

describe("reading a stored format", () => {
  const config = configBeforeVersions("mon_a", "token", "chn_a");

  it("an object from before versions gains the fields added since, and is written back with a version", () => {
    const read = readStored(MONITOR_CONFIG, JSON.stringify(config));
    expect(read).toEqual({
      ...config,
      teamMaintenance: [],
      teamAlertGrouping: DEFAULT_ALERT_GROUPING,
      tags: [],
      location: null,
      snoozedUntil: null,
    });
    const written = writeStored(MONITOR_CONFIG, read);
    expect(JSON.parse(written)).toMatchObject({ version: 1, teamMaintenance: [], tags: [] });
    expect(readStored(MONITOR_CONFIG, written)).toEqual(read);
  });

  it.each([
    { name: "a newer release's format is refused, not misread", json: JSON.stringify({ ...config, version: 2 }), error: "version 2" },
    { name: "a missing field is named", json: JSON.stringify({ ...config, grace: undefined }), error: "grace" },
    { name: "a field of the wrong type is named", json: JSON.stringify({ ...config, enabled: "yes" }), error: "enabled" },
    { name: "a value that is not an object", json: "[]", error: "not a JSON object" },
  ])("$name", ({ json, error }) => {
    expect(() => readStored(MONITOR_CONFIG, json)).toThrow(error);
  });
});

describe("a monitor stored before versions", () => {
  it("reads back through the API (D1 and object), takes edits, and alerts when it goes silent", async () => {
    const channel = await createWebhookChannel();
    const monitor = await createMonitor({ interval: 60, channels: [channel.id] });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    const legacy = JSON.stringify(configBeforeVersions(monitor.id, tokenOf(monitor.ping_url), channel.id));
    await env.DB.prepare("UPDATE monitors SET config = ? WHERE id = ?").bind(legacy, monitor.id).run();
    await runInDurableObject(stub(monitor.id), (_, state) => {
      state.storage.sql.exec("UPDATE kv SET value = ? WHERE key = 'config'", legacy);
      state.storage.sql.exec("UPDATE ping_log SET state = ? WHERE n = (SELECT MAX(n) FROM ping_log)", STATE_BEFORE_VERSIONS);
    });
    await restartObject(monitor.id);

    const listed = (await api("GET", "/api/v1/monitors")).body.data.find((m: { id: string }) => m.id === monitor.id);
    expect(listed).toMatchObject({ name: "legacy backup", team_maintenance: [], channels: [channel.id] });
    const live = await api("GET", `/api/v1/monitors/${monitor.id}`);
    expect(live.body).toMatchObject({
      name: "legacy backup",
      status: "up",
      team_maintenance: [],
      next_due_at: new Date(T0 + 60 * S).toISOString(),
    });

    const edited = await api("PATCH", `/api/v1/monitors/${monitor.id}`, { grace: 40 });
    expect(edited.status).toBe(200);
    const row = await env.DB.prepare("SELECT json_extract(config, '$.version') AS version FROM monitors WHERE id = ?")
      .bind(monitor.id)
      .first<{ version: number }>();
    expect(row?.version).toBe(1);

    const receiver = interceptFetch();
    await advanceTo(monitor.id, T0 + 100 * S);
    expect(receiver.captured.map((r) => JSON.parse(r.body).type)).toEqual(["alert.opened"]);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.status).toBe("down");
  });
});

describe("a monitor state stored before liveness reports (no lastDurationMs, no livenessReportedAt)", () => {
  // The previous release wrote version 1 with the same fields as the unversioned format.
  const versionOne = JSON.stringify({ version: 1, ...JSON.parse(STATE_BEFORE_VERSIONS) });

  it.each([
    { name: "unversioned", json: STATE_BEFORE_VERSIONS },
    { name: "version 1", json: versionOne },
  ])("$name: reads with neither (nor the listed status), as null", ({ json }) => {
    const { version: _, ...fields } = JSON.parse(json);
    expect(readStored(MONITOR_STATE, json)).toEqual({ ...fields, lastDurationMs: null, livenessReportedAt: null, listedStatus: null });
  });

  it("is read by its object, whose next ping reports to D1 and is stored with the new fields", async () => {
    const monitor = await createMonitor({ interval: 60 });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    await runInDurableObject(stub(monitor.id), (_, state) => {
      state.storage.sql.exec("UPDATE ping_log SET state = ? WHERE n = (SELECT MAX(n) FROM ping_log)", versionOne);
    });
    await restartObject(monitor.id);
    const reports = await watchWaitUntil(monitor.id);
    setNow(T0 + 10 * S);
    expect((await ping(monitor.ping_url)).status).toBe(200);
    await reports.settled();

    const row = await env.DB.prepare("SELECT last_ping_at FROM monitors WHERE id = ?").bind(monitor.id).first<{ last_ping_at: number }>();
    expect(row?.last_ping_at).toBe(T0 + 10 * S);
    const stored = await runInDurableObject(stub(monitor.id), (_, state) =>
      state.storage.sql.exec<{ state: string }>("SELECT state FROM ping_log WHERE n = (SELECT MAX(n) FROM ping_log)").one(),
    );
    expect(JSON.parse(stored.state)).toMatchObject({
      status: "up",
      lastPingAt: T0 + 10 * S,
      lastDurationMs: null,
      livenessReportedAt: T0 + 10 * S,
    });
  });
});

describe("outbox jobs queued before versions", () => {
  it("are still run: the status and alert reach D1, the delivery reaches the receiver", async () => {
    const channel = await createWebhookChannel();
    const monitor = await createMonitor({ interval: 60, channels: [channel.id] });
    const alert = { id: "alt_legacy", monitorId: monitor.id, reason: "missed", openedAt: T0, closedAt: null, closeReason: null };
    const flip = { monitorId: monitor.id, status: "down", at: T0, lastPingAt: null, nextDueAt: null };
    const event = {
      type: "alert.opened",
      occurred_at: new Date(T0).toISOString(),
      alert: { id: alert.id, reason: "missed", opened_at: new Date(T0).toISOString(), closed_at: null, close_reason: null },
      monitor: {
        id: monitor.id,
        name: "backup",
        summary: null,
        status: "down",
        interval: 60,
        schedule: null,
        timezone: null,
        grace: 0,
        last_ping_at: null,
      },
    };
    const record = {
      id: "dlv_legacy",
      alertId: alert.id,
      monitorId: monitor.id,
      channelId: channel.id,
      eventType: "alert.opened",
      status: "pending",
      attempts: 0,
      lastStatusCode: null,
      lastError: null,
      nextAttemptAt: T0,
      deliveredAt: null,
      payload: JSON.stringify(event),
      createdAt: T0,
      updatedAt: T0,
    };
    await runInDurableObject(stub(monitor.id), async (_, state) => {
      const enqueue = (id: string, lane: string, payload: unknown) =>
        state.storage.sql.exec(
          "INSERT INTO outbox (id, lane, payload, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, 0, ?, ?)",
          id,
          lane,
          JSON.stringify(payload),
          T0,
          T0,
        );
      enqueue("evt_status", "d1", { kind: "status", flip });
      enqueue("evt_alert", "d1", { kind: "alert", alert });
      enqueue("evt_delivery", "d1", { kind: "delivery", record });
      enqueue(record.id, channel.id, { record, event });
      await state.storage.setAlarm(T0);
    });
    await restartObject(monitor.id);
    const receiver = interceptFetch();
    await settle(monitor.id);

    expect(receiver.captured.map((r) => JSON.parse(r.body))).toEqual([
      expect.objectContaining({ type: "alert.opened", alert: expect.objectContaining({ id: alert.id }) }),
    ]);
    const listed = (await api("GET", "/api/v1/monitors")).body.data.find((m: { id: string }) => m.id === monitor.id);
    expect(listed.status).toBe("down");
    const alerts = (await api("GET", `/api/v1/monitors/${monitor.id}/alerts`)).body.data;
    expect(alerts).toEqual([expect.objectContaining({ id: alert.id, status: "open" })]);
    const deliveries = (await api("GET", `/api/v1/channels/${channel.id}/deliveries`)).body.data;
    expect(deliveries).toEqual([expect.objectContaining({ id: record.id, status: "delivered" })]);
  });
});

describe("the team's lists, stored as bare JSON arrays before they had a version", () => {
  it("read back through the API", async () => {
    const channel = await createWebhookChannel();
    const window = { kind: "once", startsAt: T0 + 3600 * S, endsAt: T0 + 7200 * S };
    await env.DB.prepare("UPDATE teams SET maintenance = ?, default_channels = ?")
      .bind(JSON.stringify([window]), JSON.stringify([channel.id]))
      .run();
    try {
      const team = await api("GET", "/api/v1/team");
      expect(team.body).toMatchObject({
        maintenance: [{ starts_at: new Date(window.startsAt).toISOString(), ends_at: new Date(window.endsAt).toISOString() }],
        default_channels: [channel.id],
      });
    } finally {
      await env.DB.prepare("UPDATE teams SET maintenance = '[]', default_channels = NULL").run();
    }
  });
});

describe("the team's lists, stored with a version", () => {
  it("an edit writes them with their version, and they read back", async () => {
    const channel = await createWebhookChannel();
    const window = { starts_at: new Date(T0 + 3600 * S).toISOString(), ends_at: new Date(T0 + 7200 * S).toISOString() };
    try {
      const patched = await api("PATCH", "/api/v1/team", { maintenance: [window], default_channels: [channel.id] });
      expect(patched.status).toBe(200);
      const row = await env.DB.prepare("SELECT maintenance, default_channels FROM teams WHERE id = 'team_default'").first<{
        maintenance: string;
        default_channels: string;
      }>();
      expect(JSON.parse(row?.maintenance ?? "null")).toMatchObject({ version: 1, items: [{ kind: "once" }] });
      expect(JSON.parse(row?.default_channels ?? "null")).toEqual({ version: 1, items: [channel.id] });
      expect((await api("GET", "/api/v1/team")).body).toMatchObject({ maintenance: [window], default_channels: [channel.id] });
    } finally {
      await env.DB.prepare("UPDATE teams SET maintenance = '[]', default_channels = NULL").run();
    }
  });

  it("a list from a later release is refused, naming its version", () => {
    const list = storedList("team default channels", z.array(z.string()));
    expect(readStoredList(list, '["ch_a"]')).toEqual(["ch_a"]);
    expect(readStoredList(list, '{"version":1,"items":["ch_a"]}')).toEqual(["ch_a"]);
    expect(() => readStoredList(list, '{"version":2,"items":[]}')).toThrow(
      /team default channels has version 2; this release reads up to 1/,
    );
  });
});
