import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createMonitor, createWebhookChannel } from "./helpers";

async function monitorCount(): Promise<number> {
  return (await env.DB.prepare("SELECT COUNT(*) AS n FROM monitors").first<{ n: number }>())?.n ?? -1;
}

function expectError(
  res: { status: number; body: { error: { code: string; message: string; details: { path: string }[] } } },
  status: number,
  path?: string,
) {
  expect(res.status).toBe(status);
  expect(res.body.error.code).toEqual(expect.any(String));
  expect(res.body.error.message).toEqual(expect.any(String));
  expect(Array.isArray(res.body.error.details)).toBe(true);
  if (path !== undefined) expect(res.body.error.details.map((d) => d.path)).toContain(path);
}

describe("monitor input validation", () => {
  const valid = { name: "nightly backup", interval: "1d" };

  it.each([
    ["missing name", { interval: 60 }, "name"],
    ["empty name", { name: "  ", interval: 60 }, "name"],
    ["name too long", { name: "x".repeat(201), interval: 60 }, "name"],
    ["name not a string", { name: 5, interval: 60 }, "name"],
    ["missing interval", { name: "a" }, "interval"],
    ["interval zero", { ...valid, interval: 0 }, "interval"],
    ["interval over 365 days", { ...valid, interval: "366d" }, "interval"],
    ["interval fractional", { ...valid, interval: 1.5 }, "interval"],
    ["interval unknown unit", { ...valid, interval: "5w" }, "interval"],
    ["interval negative", { ...valid, interval: -5 }, "interval"],
    ["interval wrong type", { ...valid, interval: true }, "interval"],
    ["grace negative", { ...valid, grace: -1 }, "grace"],
    ["grace malformed", { ...valid, grace: "soon" }, "grace"],
    ["summary wrong type", { ...valid, summary: 3 }, "summary"],
    ["enabled wrong type", { ...valid, enabled: "yes" }, "enabled"],
    ["channels not an array", { ...valid, channels: "chn_x" }, "channels"],
    ["channel id malformed", { ...valid, channels: ["nope"] }, "channels[0]"],
    ["channel does not exist", { ...valid, channels: ["chn_aaaaaaaaaaaaaaaaaaaaaaaaaa"] }, "channels[0]"],
    ["unknown field", { ...valid, colour: "red" }, "colour"],
  ])("rejects %s with 400 naming the field and stores nothing", async (_, body, path) => {
    const before = await monitorCount();
    expectError(await api("POST", "/api/v1/monitors", body), 400, path);
    expect(await monitorCount()).toBe(before);
  });

  it.each([
    ["30s", 30],
    ["5m", 300],
    ["2h", 7200],
    ["1d", 86400],
    [45, 45],
    ["365d", 365 * 86400],
  ])("accepts interval %s as %d seconds", async (interval, seconds) => {
    const monitor = await createMonitor({ interval, grace: "1m" });
    expect(monitor.interval).toBe(seconds);
    expect(monitor.grace).toBe(60);
  });

  it("rejects malformed JSON, a non-object body and an oversized body", async () => {
    expectError(await api("POST", "/api/v1/monitors", "{not json"), 400, "");
    expectError(await api("POST", "/api/v1/monitors", "[1,2]"), 400);
    expectError(await api("POST", "/api/v1/monitors", { ...valid, name: "x".repeat(70 * 1024) }), 413);
  });

  it("a rejected PATCH changes nothing", async () => {
    const monitor = await createMonitor({ interval: 60 });
    expectError(await api("PATCH", `/api/v1/monitors/${monitor.id}`, { name: "renamed", interval: "forever" }), 400, "interval");
    const after = (await api("GET", `/api/v1/monitors/${monitor.id}`)).body;
    expect(after).toMatchObject({ name: "backup", interval: 60 });
  });

  it("unknown and malformed ids are 404", async () => {
    expectError(await api("GET", "/api/v1/monitors/mon_aaaaaaaaaaaaaaaaaaaaaaaaaa"), 404);
    expectError(await api("GET", "/api/v1/monitors/whatever"), 404);
    expectError(await api("PATCH", "/api/v1/monitors/mon_aaaaaaaaaaaaaaaaaaaaaaaaaa", { name: "x" }), 404);
    expectError(await api("DELETE", "/api/v1/channels/chn_aaaaaaaaaaaaaaaaaaaaaaaaaa"), 404);
    expectError(await api("GET", "/api/v1/alerts/alt_aaaaaaaaaaaaaaaaaaaaaaaaaa"), 404);
    expectError(await api("GET", "/api/v1/nothing-here"), 404);
  });

  it("validates list queries", async () => {
    expectError(await api("GET", "/api/v1/alerts?status=maybe"), 400, "status");
    expectError(await api("GET", "/api/v1/alerts?limit=0"), 400, "limit");
    expectError(await api("GET", "/api/v1/alerts?cursor=%%%"), 400, "cursor");
    expectError(await api("GET", "/api/v1/monitors?sort=name"), 400, "sort");
  });
});

describe("channel input validation", () => {
  it.each([
    ["unknown type", { type: "pigeon", name: "x", url: "https://a.example" }, "type"],
    ["missing url", { type: "webhook", name: "x" }, "url"],
    ["not a url", { type: "webhook", name: "x", url: "not a url" }, "url"],
    ["ftp url", { type: "webhook", name: "x", url: "ftp://a.example/x" }, "url"],
    ["malformed secret", { type: "webhook", name: "x", url: "https://a.example", secret: "hunter2" }, "secret"],
    ["unknown field", { type: "webhook", name: "x", url: "https://a.example", method: "PUT" }, "method"],
  ])("rejects %s", async (_, body, path) => {
    expectError(await api("POST", "/api/v1/channels", body), 400, path);
  });

  it("generates a Standard Webhooks secret, shows it once, then masks it", async () => {
    const channel = await createWebhookChannel("https://receiver.example/hook");
    expect(channel.config.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const shown = (await api("GET", `/api/v1/channels/${channel.id}`)).body;
    expect(shown.config.secret).not.toBe(channel.config.secret);
    expect(shown.config.secret).toContain("…");
  });
});
