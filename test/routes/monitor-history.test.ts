import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readStored } from "../../src/db/stored/format";
import { SYNC_ITEM } from "../../src/do/outbox-payloads";
import { syncStatements } from "../../src/do/sync";
import { advanceTo, api, client, createMonitor, iso, M, ok, pingAt, S, setNow, settle, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";

// A monitor's status history (flips, written by its object through the outbox) and the uptime computed from it.
useFakeClock(T0);

const flipsOf = async (id: string, query: { from?: string; to?: string; limit?: number; cursor?: string } = {}) =>
  ok(client.GET("/api/v1/monitors/{id}/flips", { params: { path: { id }, query } }));

/** new → up → late → down → up → paused → up, each step a minute or so apart. */
async function throughEveryStatus() {
  const monitor = await createMonitor({ interval: "1m", grace: "1m" });
  await pingAt(T0, monitor);
  await advanceTo(monitor.id, T0 + 61 * S);
  await advanceTo(monitor.id, T0 + 121 * S);
  await pingAt(T0 + 130 * S, monitor);
  setNow(T0 + 140 * S);
  expect((await api("POST", `/api/v1/monitors/${monitor.id}/pause`)).status).toBe(200);
  await settle(monitor.id);
  await pingAt(T0 + 150 * S, monitor);
  return monitor;
}

describe("GET /monitors/{id}/flips", () => {
  it("lists every status change newest first, with why and the alert it opened or closed", async () => {
    const monitor = await throughEveryStatus();
    const { data } = await flipsOf(monitor.id);
    const alertId = data.find((f) => f.to === "down")?.alert_id;
    expect(alertId).toMatch(/^alt_/);
    expect(data.map(({ at, from, to, reason, alert_id }) => ({ at, from, to, reason, alert_id }))).toEqual([
      { at: iso(T0 + 150 * S), from: "paused", to: "up", reason: "ping", alert_id: null },
      { at: iso(T0 + 140 * S), from: "up", to: "paused", reason: "paused", alert_id: null },
      { at: iso(T0 + 130 * S), from: "down", to: "up", reason: "ping", alert_id: alertId },
      { at: iso(T0 + 121 * S), from: "late", to: "down", reason: "missed", alert_id: alertId },
      { at: iso(T0 + 61 * S), from: "up", to: "late", reason: "overdue", alert_id: null },
      { at: iso(T0), from: "new", to: "up", reason: "ping", alert_id: null },
    ]);
  });

  it("a run on an up monitor is no flip", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await pingAt(T0, monitor);
    await pingAt(T0 + M, monitor, "/start");
    await pingAt(T0 + 2 * M, monitor);
    expect((await flipsOf(monitor.id)).data.map((f) => f.to)).toEqual(["up"]);
  });

  it("pages newest first, and `from`/`to` keep the changes in [from, to)", async () => {
    const monitor = await throughEveryStatus();
    const first = await flipsOf(monitor.id, { limit: 4 });
    expect(first.data).toHaveLength(4);
    expect(first.next_cursor).not.toBeNull();
    const second = await flipsOf(monitor.id, { limit: 4, cursor: first.next_cursor ?? "" });
    expect(second.data.map((f) => f.to)).toEqual(["late", "up"]);
    expect(second.next_cursor).toBeNull();
    const window = await flipsOf(monitor.id, { from: iso(T0 + 61 * S) ?? "", to: iso(T0 + 140 * S) ?? "" });
    expect(window.data.map((f) => f.at)).toEqual([iso(T0 + 130 * S), iso(T0 + 121 * S), iso(T0 + 61 * S)]);
  });

  it("another team's key gets 404 for the flips and the uptime", async () => {
    const monitor = await throughEveryStatus();
    const other = await createTeamWithKeys("flips other");
    for (const path of ["flips", "uptime"]) {
      expect((await api("GET", `/api/v1/monitors/${monitor.id}/${path}`, undefined, bearer(other.read))).status).toBe(404);
    }
  });
});

describe("a D1 sync replayed", () => {
  it("inserts its flip once, and an item queued before flips were kept still records one (from unknown)", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const update = { monitorId: monitor.id, status: "up", at: T0 + S, lastPingAt: T0 + S, nextDueAt: T0 + 61 * M };
    const current = readStored(
      SYNC_ITEM,
      JSON.stringify({
        version: 2,
        kind: "status",
        flip: update,
        change: { id: "flp_replayedreplayedreplayedre", from: "new", reason: "ping", alertId: null },
      }),
    );
    const legacy = readStored(
      SYNC_ITEM,
      JSON.stringify({ version: 1, kind: "status", flip: { ...update, status: "down", at: T0 + 2 * S } }),
    );
    const again = readStored(
      SYNC_ITEM,
      JSON.stringify({ version: 1, kind: "status", flip: { ...update, status: "down", at: T0 + 2 * S } }),
    );
    await env.DB.batch([current, current, legacy, again].flatMap((item) => syncStatements(env.DB, item)));
    const { data } = await flipsOf(monitor.id);
    expect(data.map(({ from, to, reason }) => ({ from, to, reason }))).toEqual([
      { from: null, to: "down", reason: null },
      { from: "new", to: "up", reason: "ping" },
    ]);
  });
});

describe("GET /monitors/{id}/uptime", () => {
  it("a monitor down for 10 minutes and back: the day shows 10 minutes down", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await pingAt(T0, monitor);
    await advanceTo(monitor.id, T0 + 60 * M);
    await pingAt(T0 + 70 * M, monitor);
    setNow(T0 + 2 * 60 * M);
    const res = await ok(
      client.GET("/api/v1/monitors/{id}/uptime", { params: { path: { id: monitor.id }, query: { period: "day", from: iso(T0) ?? "" } } }),
    );
    expect(res.data).toEqual([
      {
        start: iso(T0),
        end: iso(T0 + 24 * 60 * M),
        monitored_ms: 2 * 60 * M,
        down_ms: 10 * M,
        paused_ms: 0,
        uptime: 1 - 10 / 120,
      },
    ]);
  });

  it("refuses a time zone that does not exist", async () => {
    const monitor = await createMonitor();
    expect((await api("GET", `/api/v1/monitors/${monitor.id}/uptime?tz=Mars/Olympus`)).status).toBe(400);
  });
});
