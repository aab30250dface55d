import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, vi } from "vitest";
import { createApp } from "../src/app";
import { ObjectStore } from "../src/do/storage/object-store";
import { monitorStub } from "../src/do/stub";

export const ADMIN_TOKEN = "test-admin-token";

/** The fake clock's usual start: far in the future, so the real alarm scheduler never fires by itself. */
export const T0 = Date.parse("2100-01-01T00:00:00Z");
/** One second, in the milliseconds every timestamp uses. */
export const S = 1000;
export const ORIGIN = "http://lubdub.test";

const app = createApp();

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

export async function createMonitor(fields: Record<string, unknown> = {}) {
  const schedule = fields.schedule === undefined ? { interval: 60 } : {};
  const res = await api("POST", "/api/v1/monitors", { name: "backup", ...schedule, ...fields });
  if (res.status !== 201) throw new Error(`create monitor: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; ping_url: string; next_expected_at: string[]; [key: string]: unknown };
}

export async function createWebhookChannel(url = "http://receiver.test/hook", fields: Record<string, unknown> = {}) {
  const res = await api("POST", "/api/v1/channels", { type: "webhook", name: "hook", url, ...fields });
  if (res.status !== 201) throw new Error(`create channel: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; config: { secret: string } };
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

export interface Captured {
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

/** Advances the fake clock to `ms` and runs what became due, as the alarm scheduler would. */
export async function advanceTo(monitorId: string, ms: number): Promise<void> {
  setNow(ms);
  await settle(monitorId);
}
