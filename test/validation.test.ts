import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { ADMIN_TOKEN, api, createMonitor, createWebhookChannel, ORIGIN } from "./helpers";

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

describe("text the API cannot store faithfully is refused, not replaced (found by the bad-input fuzzer)", () => {
  const sendBytes = (path: string, bytes: Uint8Array, method = "POST") =>
    createApp().request(
      `${ORIGIN}${path}`,
      { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: bytes },
      env,
    );

  it("a body that is not UTF-8 is a 400, not a name full of U+FFFD", async () => {
    const before = await monitorCount();
    const bytes = new Uint8Array([...new TextEncoder().encode('{"name":"'), 0xff, 0xfe, ...new TextEncoder().encode('","interval":60}')]);
    const res = await sendBytes("/api/v1/monitors", bytes);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_json", message: "body is not valid UTF-8" } });
    expect(await monitorCount()).toBe(before);
  });

  it("a rejected PATCH with bytes that are not UTF-8 leaves the monitor as it was", async () => {
    const monitor = await createMonitor({ interval: 60 });
    const bytes = new Uint8Array([...new TextEncoder().encode('{"name":"'), 0xc3, 0x28, ...new TextEncoder().encode('"}')]);
    expect((await sendBytes(`/api/v1/monitors/${monitor.id}`, bytes, "PATCH")).status).toBe(400);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.name).toBe("backup");
  });

  it.each([
    ["a monitor name", "/api/v1/monitors", '{"name":"a\\ud800b","interval":60}', "name"],
    ["a keyword", "/api/v1/monitors", '{"name":"a","interval":60,"success_keywords":["\\udfff"]}', "success_keywords[0]"],
    [
      "a channel name (D1 would keep three U+FFFD)",
      "/api/v1/channels",
      '{"type":"webhook","name":"\\ud800","url":"https://a.example"}',
      "name",
    ],
    ["a key", "/api/v1/monitors", '{"name":"a","interval":60,"\\udc00":1}', "\udc00"],
  ])("a lone surrogate in %s is a 400 naming it", async (_, path, body, field) => {
    expectError(await api("POST", path, body), 400, field);
  });

  it("surrogate pairs (emoji) and a byte order mark are fine", async () => {
    const res = await api("POST", "/api/v1/monitors", '\uFEFF{"name":"backup \\ud83d\\ude00 😀","interval":60}');
    expect(res.status).toBe(201);
    expect(res.body.name).toBe("backup 😀 😀");
  });
});

describe("the body limit on every admin route (found by the bad-input fuzzer)", () => {
  /** A chunked upload (no Content-Length) of `bytes`, 16 KiB at a time, that counts how much of it the server read. */
  function countingUpload(bytes: Uint8Array) {
    const upload = { delivered: 0, body: new ReadableStream<Uint8Array>() };
    upload.body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (upload.delivered >= bytes.byteLength) return controller.close();
        const chunk = bytes.subarray(upload.delivered, upload.delivered + 16 * 1024);
        controller.enqueue(chunk);
        upload.delivered += chunk.byteLength;
      },
    });
    return upload;
  }
  const post = (body: ReadableStream<Uint8Array>) =>
    createApp().request(
      `${ORIGIN}/api/v1/monitors`,
      { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body },
      env,
    );

  it("a body over 64 KiB without a declared length is a 413 read to its end, not abandoned mid-stream", async () => {
    // Under `wrangler dev`, abandoning it made the 413 itself, or the next request, a "503 Your worker restarted mid-request".
    const upload = countingUpload(new Uint8Array(200 * 1024).fill(0x20));
    const res = await post(upload.body);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large", details: [] } });
    expect(upload.delivered).toBe(200 * 1024);
  });

  it("a body of exactly 64 KiB without a declared length is read and parsed", async () => {
    const text = JSON.stringify({ name: "at the limit", interval: 60 }).padEnd(64 * 1024, " ");
    expect((await post(countingUpload(new TextEncoder().encode(text)).body)).status).toBe(201);
    expect((await post(countingUpload(new TextEncoder().encode(`${text} `)).body)).status).toBe(413);
  });
});
