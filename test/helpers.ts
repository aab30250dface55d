import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import createClient from "openapi-fetch";
import { afterEach, beforeEach, expect, vi } from "vitest";
import type { paths } from "../src/api/generated/openapi";
import { createApp } from "../src/app";
import { ObjectStore } from "../src/do/storage/object-store";
import { monitorStub } from "../src/do/stub";

export const ADMIN_TOKEN = "test-admin-token";

/** The fake clock's usual start: far in the future, so the real alarm scheduler never fires by itself. */
export const T0 = Date.parse("2100-01-01T00:00:00Z");
/** One second, in the milliseconds every timestamp uses. */
export const S = 1000;
/** One minute. */
export const M = 60 * S;
export const ORIGIN = "http://lubdub.test";
export { iso } from "../src/time";

const app = createApp();

/**
 * A client typed by the OpenAPI document (openapi-fetch), calling the app with the admin token:
 * `client.GET("/api/v1/monitors/{id}", { params: { path: { id } } })` answers `{ data, error, response }`.
 */
export const client = createClient<paths>({
  baseUrl: ORIGIN,
  headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  fetch: async (request) => app.request(request, undefined, env),
});

/** The body of a typed call that must succeed: expects no error envelope (the message names the status). */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  expect(error, `${response.url} answered ${response.status}`).toBeUndefined();
  if (data === undefined) throw new Error(`${response.url} answered ${response.status} without a body`);
  return data;
}

/** The monitor's live view (its object's state). */
export const live = (id: string) => ok(client.GET("/api/v1/monitors/{id}", { params: { path: { id } } }));
/** The monitor's live status. */
export const status = async (id: string) => (await live(id)).status;
/** The monitor's alerts, newest first, as D1 holds them (call `settle` first for the latest). */
export const alerts = async (id: string) => (await ok(client.GET("/api/v1/monitors/{id}/alerts", { params: { path: { id } } }))).data;
/** The monitor as the list shows it: D1's copy, which lags its object by the outbox. */
export const listed = async (id: string) => (await ok(client.GET("/api/v1/monitors"))).data.find((m) => m.id === id);
/** The monitor's ping log, newest first (100 entries unless `limit` says otherwise). */
export const pingLog = async (id: string, limit?: number) =>
  (await ok(client.GET("/api/v1/monitors/{id}/pings", { params: { path: { id }, query: limit === undefined ? {} : { limit } } }))).data;
/** The channel's deliveries, newest first. */
export const deliveriesOf = async (channelId: string) =>
  (await ok(client.GET("/api/v1/channels/{id}/deliveries", { params: { path: { id: channelId } } }))).data;

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  body: any;
  headers: Headers;
}

/** Calls the app the way a client would, with the admin token unless `headers` overrides it. */
export async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const init: RequestInit = {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json", ...headers },
  };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const response = await app.request(`${ORIGIN}${path}`, init, env);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // plain-text bodies (pings) stay as text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** Pings like a client would: `suffix` is "/start", "/fail", "/3"…, `body` is sent with POST. */
export async function ping(pingUrl: string, method = "GET", body?: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return app.request(pingUrl, { method, headers, ...(body === undefined ? {} : { body }) }, env);
}

/**
 * A monitor through the API, every minute unless told otherwise. With no grace unless told otherwise: the
 * tests' timings count from the due time, while the API's own default grace (DEFAULT_GRACE) is an hour.
 */
export async function createMonitor(fields: Record<string, unknown> = {}) {
  const schedule = fields.schedule === undefined ? { interval: 60 } : {};
  const res = await api("POST", "/api/v1/monitors", { name: "backup", grace: 0, ...schedule, ...fields });
  if (res.status !== 201) throw new Error(`create monitor: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; ping_url: string; next_expected_at: string[]; [key: string]: unknown };
}

export async function createWebhookChannel(url = "http://receiver.test/hook", fields: Record<string, unknown> = {}) {
  const res = await api("POST", "/api/v1/channels", { type: "webhook", name: "hook", url, ...fields });
  if (res.status !== 201) throw new Error(`create channel: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; config: { secret: string } };
}

/**
 * A monitor sending to one webhook channel, pinged once (healthy): without another ping it falls due a
 * minute later (under a fake clock). `fields` adds to or overrides the monitor's.
 */
export async function watchedWebhook(url = "http://receiver.test/hook", fields: Record<string, unknown> = {}) {
  const channel = await createWebhookChannel(url);
  const monitor = await createMonitor({ name: "db backup", interval: 60, channels: [channel.id], ...fields });
  await ping(monitor.ping_url);
  await settle(monitor.id);
  return { channel, monitor };
}

/**
 * Fakes `Date` for every test of the file (the worker and every Durable Object share the test isolate),
 * starting at `start`; undoes it and any fetch interception afterwards. Pick a start far in the future
 * (year 2100) so the real alarm scheduler never fires an alarm by itself: tests fire them.
 */
export function useFakeClock(start?: number): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    if (start !== undefined) setNow(start);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });
}

/** Moves the clock seen by the worker and every Durable Object (they share the test isolate). */
export function setNow(ms: number): void {
  vi.setSystemTime(ms);
}

export const stub = (monitorId: string) => monitorStub(env, monitorId);

/** Runs the monitor's pending alarm now, as Cloudflare would at its scheduled time. */
export const fireAlarm = (monitorId: string) => runDurableObjectAlarm(stub(monitorId));

export async function scheduledAlarm(monitorId: string): Promise<number | null> {
  return runInDurableObject(stub(monitorId), (_, state) => state.storage.getAlarm());
}

interface Captured {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Intercepts outbound fetches (webhook deliveries). `respond` decides each answer; every request is
 * recorded in order.
 */
export function interceptFetch(respond: (req: Captured, n: number) => Response | Promise<Response> = () => new Response("ok")) {
  const captured: Captured[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const req: Captured = { url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() };
    captured.push(req);
    return respond(req, captured.length);
  });
  return { captured, restore: () => spy.mockRestore() };
}

/**
 * Runs every alarm that is due at the (fake) current time: the deadline check and outbox work
 * (D1 sync, deliveries). Stops at the first alarm still in the future.
 */
export async function settle(monitorId: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const at = await scheduledAlarm(monitorId);
    if (at === null) return;
    // An alarm that changed state sends in a follow-up alarm set just after its own time (never at
    // it): with outbox work already due, that follow-up is due now, without moving the clock.
    if (at > Date.now() && !(await outboxWorkDue(monitorId))) return;
    await fireAlarm(monitorId);
  }
  throw new Error("alarm kept rescheduling itself");
}

/** Whether the monitor's outbox has work due now (the head of a lane; later jobs wait for it). */
async function outboxWorkDue(monitorId: string): Promise<boolean> {
  return runInDurableObject(stub(monitorId), (_, state) => {
    const store = new ObjectStore(state.storage);
    const at = store.exists() ? store.nextDueAt() : null;
    return at !== null && at <= Date.now();
  });
}

/** Pings (`suffix` "/start", "/fail"…) at the current fake time and runs what that made due (D1 sync). */
export async function pingNow(monitor: { id: string; ping_url: string }, suffix = "", method = "GET", body?: BodyInit): Promise<Response> {
  const res = await ping(`${monitor.ping_url}${suffix}`, method, body);
  await settle(monitor.id);
  return res;
}

/** Moves the clock to `at`, pings as `pingNow` does, and expects the ping to be accepted. */
export async function pingAt(at: number, monitor: { id: string; ping_url: string }, suffix = "", method = "GET", body?: BodyInit) {
  setNow(at);
  const res = await pingNow(monitor, suffix, method, body);
  expect(res.status).toBe(200);
  return res;
}

/** Advances the fake clock to `ms` and runs what became due, as the alarm scheduler would. */
export async function advanceTo(monitorId: string, ms: number): Promise<void> {
  setNow(ms);
  await settle(monitorId);
}

/** A signed-in dashboard browser: its session cookie, and the CSRF token its forms carry. */
export interface PageSession {
  cookie: string;
  csrf: string;
}

/** Signs in on the dashboard's sign-in page with a key or the admin token, as a browser would. */
export async function signIn(token = ADMIN_TOKEN): Promise<PageSession> {
  const response = await app.request(
    `${ORIGIN}/app/sign-in`,
    { method: "POST", body: new URLSearchParams({ token }), redirect: "manual" },
    env,
  );
  const setCookie = response.headers.get("set-cookie") ?? "";
  const cookie = /lubdub_session=[^;]+/.exec(setCookie)?.[0];
  if (response.status !== 303 || !cookie) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const session = (await (await page("/app/session.json", { cookie, csrf: "" }, { accept: "application/json" })).json()) as {
    csrf: string;
  };
  return { cookie, csrf: session.csrf };
}

/** A GET of a dashboard page, with the session's cookie when given (redirects are returned, not followed). */
export const page = (path: string, session?: PageSession, headers: Record<string, string> = {}) =>
  app.request(`${ORIGIN}${path}`, { headers: { ...headers, ...(session ? { cookie: session.cookie } : {}) }, redirect: "manual" }, env);

/** A form POST from a page: its fields, plus the session's CSRF token unless `csrf: false`. */
export function postForm(path: string, session: PageSession, fields: Record<string, string> = {}, options: { csrf?: boolean } = {}) {
  const body = new URLSearchParams(fields);
  if (options.csrf !== false) body.set("_csrf", session.csrf);
  return app.request(`${ORIGIN}${path}`, { method: "POST", body, headers: { cookie: session.cookie }, redirect: "manual" }, env);
}
