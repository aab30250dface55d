import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app";
import { testAlertEvent } from "../src/channels/test-event";
import { attemptDelivery } from "../src/do/deliver";
import { pendingDelivery } from "../src/do/jobs";
import { ObjectStore, type OutboxJob } from "../src/do/storage/object-store";
import { secretsEqual, sha256Hex, tokensEqual } from "../src/secrets";
import { ADMIN_ROUTES, bodyFor, concretePath, isAdminRoute } from "./admin-routes";
import {
  ADMIN_TOKEN,
  type ApiResponse,
  advanceTo,
  api,
  createMonitor,
  interceptFetch,
  ping,
  S,
  settle,
  stub,
  T0,
  useFakeClock,
} from "./helpers";

// Admin auth on every route the app has; production refuses private targets on create, edit and send; redirects are not followed.

useFakeClock(T0);
afterEach(() => vi.restoreAllMocks());

const app = createApp();

/** The record an alert's delivery starts with, as the monitor's object would write it. */
const PRODUCTION = { ...env, ALLOW_INSECURE_WEBHOOKS: "false" };

async function call(method: string, path: string, body: unknown, bindings: Env = env, authorization = `Bearer ${ADMIN_TOKEN}`) {
  const init: RequestInit = { method, headers: { authorization, "content-type": "application/json" } };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const res = await app.request(`http://lubdub.test${path}`, init, bindings);
  return { status: res.status, body: await res.json(), headers: res.headers } as ApiResponse;
}

describe("admin authentication on every route of the app", () => {
  const appRoutes = app.routes.filter((r) => isAdminRoute(r) && r.method !== "ALL").map((r) => `${r.method} ${r.path}`);

  it("the route list the fault suite uses is exactly the app's", () => {
    expect(ADMIN_ROUTES.map(([method, path]) => `${method} ${path}`).sort()).toEqual([...new Set(appRoutes)].sort());
  });

  const wrong = [
    ["no header", ""],
    ["a wrong token of the same length", `Bearer ${"x".repeat(ADMIN_TOKEN.length)}`],
    ["a wrong, shorter token", "Bearer test-admin-toke"],
    ["a wrong, longer token", `Bearer ${ADMIN_TOKEN}${"x".repeat(500)}`],
    ["the token in another scheme", `Basic ${ADMIN_TOKEN}`],
  ];
  it.each(appRoutes)("%s answers 401 without the right token", async (route) => {
    const [method = "", pattern = ""] = route.split(" ");
    for (const [, authorization] of wrong) {
      const res = await call(method, concretePath(pattern), bodyFor(method), env, authorization);
      expect(res.status, `${route} with ${authorization}`).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
  });

  it("the comparison hashes both sides, so neither content nor length decides how long it takes", async () => {
    expect(await secretsEqual(ADMIN_TOKEN, ADMIN_TOKEN)).toBe(true);
    expect(await secretsEqual(`${ADMIN_TOKEN}x`, ADMIN_TOKEN)).toBe(false);
    expect(await secretsEqual("", ADMIN_TOKEN)).toBe(false);
  });

  it("one SHA-256 (the stored form of API keys) and one fixed-length comparison serve every secret", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(tokensEqual("tok_abcdef", "tok_abcdef")).toBe(true);
    expect(tokensEqual("tok_abcdef", "tok_abcdeg")).toBe(false);
    expect(tokensEqual("tok_abcdef", "tok_abcde")).toBe(false);
  });
});

const PRIVATE_TARGETS = [
  "https://169.254.169.254/latest/meta-data/",
  "https://127.0.0.1/",
  "https://10.0.0.1/",
  "https://2130706433/",
  "https://[::1]/",
  "https://[::ffff:127.0.0.1]/",
  "https://localhost/",
  "https://metadata.google.internal/",
];

describe("production refuses private, loopback and link-local targets", () => {
  it.each(PRIVATE_TARGETS)("on create: webhook, slack and ntfy to %s", async (url) => {
    for (const [body, field] of [
      [{ type: "webhook", url }, "url"],
      [{ type: "slack", url: `${url}services/T/B/X` }, "url"],
      [{ type: "ntfy", server: url, topic: "t" }, "server"],
    ] as const) {
      const res = await call("POST", "/api/v1/channels", { name: "n", ...body }, PRODUCTION);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.details).toEqual([{ path: field, message: expect.stringMatching(/^must be a public internet address: /) }]);
    }
  });

  it("on edit, leaving the channel as it was", async () => {
    const created = await call(
      "POST",
      "/api/v1/channels",
      { type: "webhook", name: "n", url: "https://receiver.example/hook" },
      PRODUCTION,
    );
    expect(created.status).toBe(201);
    for (const url of PRIVATE_TARGETS) {
      const res = await call("PATCH", `/api/v1/channels/${created.body.id}`, { url }, PRODUCTION);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe("url");
    }
    expect((await api("GET", `/api/v1/channels/${created.body.id}`)).body.config.url).toBe("https://receiver.example/hook");
  });

  it("on send: a channel stored under another setting is not called by the test endpoint", async () => {
    const receiver = interceptFetch();
    for (const url of ["http://127.0.0.1:9999/hook", "https://10.1.2.3/hook"]) {
      const { id } = (await api("POST", "/api/v1/channels", { type: "webhook", name: "n", url })).body;
      const res = await call("POST", `/api/v1/channels/${id}/test`, undefined, PRODUCTION);
      expect(res.body).toMatchObject({ ok: false, status_code: null, error: expect.stringMatching(/^not sent: the URL must be/) });
    }
    expect(receiver.captured).toHaveLength(0);
  });

  it("on send: an outbox delivery to a stored private target is final and marks the channel failing", async () => {
    const receiver = interceptFetch();
    const { id } = (await api("POST", "/api/v1/channels", { type: "webhook", name: "n", url: "https://169.254.169.254/hook" })).body;
    const event = testAlertEvent(T0);
    const record = pendingDelivery("dlv_aaaaaaaaaaaaaaaaaaaaaaaaaa", id, event, T0);
    const job: OutboxJob = {
      seq: 1,
      id: record.id,
      lane: id,
      payload: JSON.stringify({ record, event }),
      attempts: 0,
      nextAttemptAt: T0,
      createdAt: T0,
    };
    // Attempted inside the object of a monitor that sends to the channel, as the outbox does.
    const monitor = await createMonitor({ name: "n", interval: 60, channels: [id] });
    const result = await runInDurableObject(stub(monitor.id), (_, state) =>
      attemptDelivery(PRODUCTION, new ObjectStore(state.storage), job, T0, (url, init) => fetch(url, init)),
    );
    const reason =
      "not sent: the URL must be a public internet address: 169.254.169.254 is a link-local address (cloud metadata lives here)";
    expect(result).toMatchObject({ retryAt: null, channelFailing: reason, record: { status: "failed", lastError: reason } });
    expect(receiver.captured).toHaveLength(0);
  });

  it("development (as the tests run) still reaches local receivers", async () => {
    const receiver = interceptFetch();
    const { id } = (await api("POST", "/api/v1/channels", { type: "webhook", name: "n", url: "http://127.0.0.1:9999/hook" })).body;
    expect((await api("POST", `/api/v1/channels/${id}/test`)).body.ok).toBe(true);
    expect(receiver.captured).toHaveLength(1);
  });
});

describe("the test endpoint returns only a short, sanitised excerpt", () => {
  it("at most 200 characters, one line, no control or bidi characters", async () => {
    const page = `<html>\r\n\u001b[31mroot:x:0:0\u0000\u202e${"secret page ".repeat(300)}</html>`;
    interceptFetch(() => new Response(page, { status: 200 }));
    const { id } = (await api("POST", "/api/v1/channels", { type: "webhook", name: "n", url: "https://receiver.example/hook" })).body;
    const { body_excerpt } = (await api("POST", `/api/v1/channels/${id}/test`)).body;
    expect(body_excerpt.length).toBeLessThanOrEqual(200);
    expect(body_excerpt).toMatch(/^<html> \[31mroot:x:0:0 secret page secret page/);
    expect(body_excerpt).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });
});

describe("redirects are never followed", () => {
  function redirecting(status: number, location: string) {
    return vi.spyOn(globalThis, "fetch").mockImplementation(async () => new Response(null, { status, headers: { location } }));
  }

  it("the test endpoint asks fetch not to follow, and reports where it pointed", async () => {
    const spy = redirecting(302, "http://169.254.169.254/latest/meta-data/");
    const { id } = (await api("POST", "/api/v1/channels", { type: "webhook", name: "n", url: "https://receiver.example/hook" })).body;
    const res = await api("POST", `/api/v1/channels/${id}/test`);
    expect(res.body).toMatchObject({
      ok: false,
      status_code: 302,
      error: "HTTP 302: redirect to http://169.254.169.254 not followed; use the final URL",
    });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]?.[1]?.redirect).toBe("manual");
  });

  it("a permanent redirect (301, 308) marks the channel failing instead of retrying for a day", async () => {
    const { id } = (await api("POST", "/api/v1/channels", { type: "webhook", name: "n", url: "https://old.example/hook" })).body;
    const monitor = await createMonitor({ name: "moved", interval: 60, channels: [id] });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    const spy = redirecting(308, "https://new.example/hook");
    await advanceTo(monitor.id, T0 + 60 * S);
    await advanceTo(monitor.id, T0 + 3600 * S);
    expect(spy).toHaveBeenCalledTimes(1);
    expect((await api("GET", `/api/v1/channels/${id}`)).body).toMatchObject({
      status: "failing",
      failing_reason: "HTTP 308: redirect to https://new.example not followed; use the final URL",
    });
  });

  it("a temporary redirect is retried like any other non-2xx", async () => {
    const { id } = (await api("POST", "/api/v1/channels", { type: "webhook", name: "n", url: "https://busy.example/hook" })).body;
    const monitor = await createMonitor({ name: "busy", interval: 60, channels: [id] });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    redirecting(307, "/elsewhere");
    await advanceTo(monitor.id, T0 + 60 * S);
    const [delivery] = (await api("GET", `/api/v1/channels/${id}/deliveries`)).body.data;
    expect(delivery).toMatchObject({
      status: "pending",
      attempts: 1,
      last_error: "HTTP 307: redirect to https://busy.example not followed; use the final URL",
    });
    expect((await api("GET", `/api/v1/channels/${id}`)).body.status).toBe("ok");
  });
});
