import { listDurableObjectIds, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { advanceTo, alerts, api, createMonitor, ping, S, scheduledAlarm, setNow, settle, stub, T0, useFakeClock } from "../helpers";

useFakeClock(T0);

const get = async (id: string) => (await api("GET", `/api/v1/monitors/${id}`)).body;

describe("create and list", () => {
  it("returns the documented fields with an absolute ping URL from the request origin", async () => {
    const monitor = await createMonitor({ name: "etl", interval: "5m", grace: "1m", summary: "ETL stalled" });
    expect(monitor).toMatchObject({
      name: "etl",
      interval: 300,
      grace: 60,
      summary: "ETL stalled",
      enabled: true,
      channels: [],
      status: "new",
      last_ping_at: null,
      next_due_at: null,
      created_at: new Date(T0).toISOString(),
      updated_at: new Date(T0).toISOString(),
    });
    expect(monitor.id).toMatch(/^mon_[a-z2-7]{26}$/);
    expect(monitor.next_expected_at).toEqual([]); // the timer starts at the first ping
    expect(monitor.ping_url).toMatch(/^http:\/\/lubdub\.test\/ping\/[a-z2-7]{52}$/);
  });

  it("lists monitors with their status as of the last flip, a page at a time", async () => {
    const created: { id: string; ping_url: string }[] = [];
    for (let i = 0; i < 3; i++) {
      // Later than every monitor other tests in this file create, so these three list last.
      setNow(T0 + 10_000 + i);
      created.push(await createMonitor({ name: `m${i}` }));
    }
    await ping(created[0]?.ping_url ?? "");
    await settle(created[0]?.id ?? "");
    const first = (await api("GET", "/api/v1/monitors?limit=2")).body;
    expect(first.data).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = (await api("GET", `/api/v1/monitors?limit=2&cursor=${first.next_cursor}`)).body;
    const names = [...first.data, ...second.data].map((m: { name: string }) => m.name);
    expect(names.slice(-3)).toEqual(["m0", "m1", "m2"]);
    const listed = [...first.data, ...second.data].find((m: { id: string }) => m.id === created[0]?.id);
    expect(listed.status).toBe("up");
  });
});

describe("pause and resume", () => {
  it("pausing closes the open alert, disarms the alarm, and with manual_resume pings change nothing", async () => {
    const monitor = await createMonitor({ interval: 10, manual_resume: true });
    await ping(monitor.ping_url);
    await advanceTo(monitor.id, T0 + 11 * S);
    expect((await get(monitor.id)).status).toBe("down");

    const paused = await api("POST", `/api/v1/monitors/${monitor.id}/pause`);
    expect(paused.body).toMatchObject({ status: "paused", enabled: false });
    await settle(monitor.id);
    expect(await scheduledAlarm(monitor.id)).toBeNull();
    expect((await alerts(monitor.id))[0]).toMatchObject({ status: "closed", close_reason: "paused" });

    setNow(T0 + 20 * S);
    const res = await ping(monitor.ping_url);
    expect(res.status).toBe(200);
    await advanceTo(monitor.id, T0 + 1000 * S);
    expect(await get(monitor.id)).toMatchObject({ status: "paused", last_ping_at: new Date(T0).toISOString() });
    expect(await alerts(monitor.id)).toHaveLength(1);
    const listed = (await api("GET", "/api/v1/monitors?limit=100")).body.data.find((m: { id: string }) => m.id === monitor.id);
    expect(listed.status).toBe("paused");
  });

  it("by default a ping resumes a paused monitor (as in healthchecks.io), in D1 too", async () => {
    const monitor = await createMonitor({ interval: 10, enabled: false });
    setNow(T0 + 5 * S);
    expect((await ping(monitor.ping_url)).status).toBe(200);
    await settle(monitor.id);
    expect(await get(monitor.id)).toMatchObject({ status: "up", enabled: true, next_due_at: new Date(T0 + 15 * S).toISOString() });
    const listed = (await api("GET", "/api/v1/monitors?limit=100")).body.data.find((m: { id: string }) => m.id === monitor.id);
    expect(listed).toMatchObject({ status: "up", enabled: true });
  });

  it("an edit right after a ping resumed the monitor (before D1 heard of it) keeps it resumed", async () => {
    const monitor = await createMonitor({ interval: 10, enabled: false });
    setNow(T0 + 5 * S);
    await ping(monitor.ping_url); // resumes in the object; D1 learns it on the next outbox run
    const patched = (await api("PATCH", `/api/v1/monitors/${monitor.id}`, { name: "renamed" })).body;
    expect(patched).toMatchObject({ name: "renamed", enabled: true, status: "up" });
  });

  it("resume returns to new: the timer starts again at the next ping", async () => {
    const monitor = await createMonitor({ interval: 10, enabled: false });
    expect(monitor.status).toBe("paused");
    const resumed = await api("POST", `/api/v1/monitors/${monitor.id}/resume`);
    expect(resumed.body).toMatchObject({ status: "new", enabled: true });
    await advanceTo(monitor.id, T0 + 100 * S);
    expect((await get(monitor.id)).status).toBe("new");
    await ping(monitor.ping_url);
    expect((await get(monitor.id)).status).toBe("up");
  });

  it("enabled: false in a PATCH pauses like the pause route", async () => {
    const monitor = await createMonitor({ interval: 10 });
    await ping(monitor.ping_url);
    expect((await api("PATCH", `/api/v1/monitors/${monitor.id}`, { enabled: false })).body.status).toBe("paused");
    await advanceTo(monitor.id, T0 + 100 * S);
    expect(await alerts(monitor.id)).toHaveLength(0);
  });
});

describe("editing", () => {
  it("a longer interval moves the deadline at once", async () => {
    const monitor = await createMonitor({ interval: 60 });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    setNow(T0 + 30 * S);
    const patched = (await api("PATCH", `/api/v1/monitors/${monitor.id}`, { interval: "2h", name: "renamed" })).body;
    expect(patched).toMatchObject({ name: "renamed", interval: 7200, next_due_at: new Date(T0 + 7200 * S).toISOString() });
    await settle(monitor.id);
    expect(await scheduledAlarm(monitor.id)).toBe(T0 + 7200 * S);
  });

  it("a shorter interval that is already overdue takes the monitor down at once", async () => {
    const monitor = await createMonitor({ interval: 3600 });
    await ping(monitor.ping_url);
    setNow(T0 + 120 * S);
    expect((await api("PATCH", `/api/v1/monitors/${monitor.id}`, { interval: 60 })).body.status).toBe("down");
    await settle(monitor.id);
    expect(await alerts(monitor.id)).toHaveLength(1);
  });
});

describe("delete", () => {
  it("stops the alarm, frees storage and its alert history, and the ping URL answers 404", async () => {
    const monitor = await createMonitor({ interval: 10 });
    await ping(monitor.ping_url);
    await advanceTo(monitor.id, T0 + 20 * S);
    const [open] = await alerts(monitor.id);
    expect(open?.status).toBe("open");
    if (!open) throw new Error("no alert opened");

    expect((await api("DELETE", `/api/v1/monitors/${monitor.id}`)).status).toBe(204);
    expect((await ping(monitor.ping_url)).status).toBe(404);
    await settle(monitor.id);
    expect(await scheduledAlarm(monitor.id)).toBeNull();
    // Receivers hear the alert close as "deleted" (test/do/monitor-deletion.test.ts); D1 keeps none of it.
    expect((await api("GET", `/api/v1/alerts/${open.id}`)).status).toBe(404);
    const tables = await runInDurableObject(stub(monitor.id), (_, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('kv', 'outbox')").toArray(),
    );
    expect(tables).toEqual([]);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).status).toBe(404);
    expect((await api("DELETE", `/api/v1/monitors/${monitor.id}`)).status).toBe(404);
  });
});

describe("pings", () => {
  it("accepts GET, HEAD and POST with any body; HEAD has no body", async () => {
    const monitor = await createMonitor();
    const post = await ping(monitor.ping_url, "POST");
    expect(post.status).toBe(200);
    const head = await ping(monitor.ping_url, "HEAD");
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("allows browsers to ping (CORS)", async () => {
    const monitor = await createMonitor();
    const { createApp } = await import("../../src/app");
    const res = await createApp().request(monitor.ping_url, { method: "GET", headers: { origin: "https://example.com" } }, env);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const preflight = await createApp().request(
      monitor.ping_url,
      { method: "OPTIONS", headers: { origin: "https://example.com", "access-control-request-method": "POST" } },
      env,
    );
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("an unknown or malformed token is 404 and creates no object state", async () => {
    const monitor = await createMonitor();
    const token = monitor.ping_url.split("/").pop() ?? "";
    const wrongSecret = `${token.slice(0, 26)}${"a".repeat(26)}`;
    const unknownMonitor = "b".repeat(52);
    for (const bad of [wrongSecret, unknownMonitor, "short", `${token}x`, token.toUpperCase()]) {
      const res = await ping(`http://lubdub.test/ping/${bad}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("not found");
    }
    const unknownId = `mon_${"b".repeat(26)}`;
    const ids = await listDurableObjectIds(env.MONITOR);
    const object = ids.find((id) => id.equals(env.MONITOR.idFromName(unknownId)));
    if (object) {
      const tables = await runInDurableObject(env.MONITOR.get(object), (_, state) =>
        state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name IN ('kv', 'outbox')").toArray(),
      );
      expect(tables).toEqual([]);
    }
    expect((await get(monitor.id)).status).toBe("new");
  });
});

describe("the default grace", () => {
  it("is one hour when a monitor is created without one (as healthchecks.io's), and only then", async () => {
    const created = (await api("POST", "/api/v1/monitors", { name: "daily job", interval: "1d" })).body;
    expect(created.grace).toBe(3600);
    // An existing monitor keeps its grace through any edit that does not name it.
    const strict = await createMonitor({ name: "strict", interval: "1d", grace: 0 });
    expect((await api("PATCH", `/api/v1/monitors/${strict.id}`, { name: "still strict" })).body.grace).toBe(0);
  });

  it("a daily job that pings a few seconds later than yesterday is late, not down", async () => {
    const created = (await api("POST", "/api/v1/monitors", { name: "daily", interval: "1d" })).body;
    await ping(created.ping_url);
    await advanceTo(created.id, T0 + 86_400 * S + 30 * S);
    expect((await get(created.id)).status).toBe("late");
  });
});
