import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import type { AppEnv } from "../src/app-env";
import { handleError } from "../src/errors";
import { limitKey } from "../src/rate-limit";
import { ADMIN_TOKEN, api, createMonitor, ORIGIN, ping } from "./helpers";

// The suites run with RATE_LIMITS "off" (vitest.config.ts); the requests here go to a server with
// wrangler.toml's limits: 600 requests a minute per key, 20 failed authentications a minute per address.
// The local limiter counts in fixed minutes of the clock and cannot be reset, so every test uses its own
// addresses and keys, and an attempt that straddled a minute's end is run again (withinOneMinute).
const LIMITED: Env = { ...env, RATE_LIMITS: undefined };
const app = createApp();
const KEY_LIMIT = 600;
const FAILURE_LIMIT = 20;

const minute = () => Math.floor(Date.now() / 60_000);

/** Runs `attempt` (with fresh keys and addresses each time) until one run fits in one minute of the limiters. */
async function withinOneMinute<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; tries < 3; tries++) {
    const start = minute();
    const result = await attempt();
    if (minute() === start) return result;
  }
  throw new Error("three attempts each straddled the end of a minute");
}

let addresses = 0;
/** An address no other test uses (TEST-NET-2). */
const freshAddress = () => `198.51.100.${++addresses}`;

interface Call {
  token?: string;
  address?: string;
  method?: string;
  body?: unknown;
}

/** An admin request to the server with rate limits on, from `address` (no CF-Connecting-IP when absent). */
async function admin(path: string, { token = ADMIN_TOKEN, address, method = "GET", body }: Call = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (address !== undefined) headers["cf-connecting-ip"] = address;
  const init: RequestInit = { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
  return app.request(`${ORIGIN}${path}`, init, LIMITED);
}

/** Sends `count` requests, a batch at a time (each batch concurrently), and returns their statuses. */
async function statuses(count: number, send: () => Promise<Response>): Promise<number[]> {
  const all: number[] = [];
  while (all.length < count) {
    const batch = Array.from({ length: Math.min(50, count - all.length) }, send);
    all.push(...(await Promise.all(batch)).map((r) => r.status));
  }
  return all;
}

async function expectRateLimited(res: Response, maxRetryAfter: number): Promise<void> {
  expect(res.status).toBe(429);
  const body = (await res.json()) as { error: { code: string; message: string; details: unknown[] } };
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxRetryAfter);
  // The message says how long to wait, as Retry-After does: a person reading it need not look at headers.
  expect(body.error).toEqual({
    code: "rate_limited",
    message: expect.stringMatching(new RegExp(`; retry in ${retryAfter} seconds?$`)),
    details: [],
    request_id: expect.any(String),
  });
}

const WRONG = "not-the-admin-token";

describe("failed authentication, per client address", () => {
  it("the 21st wrong token in a minute gets 429, and so does the right one from there; other addresses go on", async () => {
    const { guesser, failures, refused } = await withinOneMinute(async () => {
      const guesser = freshAddress();
      const failures = await statuses(FAILURE_LIMIT, () => admin("/api/v1/monitors", { token: WRONG, address: guesser }));
      return { guesser, failures, refused: await admin("/api/v1/monitors", { token: WRONG, address: guesser }) };
    });
    expect(failures).toEqual(Array(FAILURE_LIMIT).fill(401));
    await expectRateLimited(refused, 60);
    // Blocked before the token is checked: otherwise a right guess would stand out among the 429s.
    await expectRateLimited(await admin("/api/v1/monitors", { address: guesser }), 60);

    const neighbour = freshAddress();
    expect((await admin("/api/v1/monitors", { address: neighbour })).status).toBe(200);
    expect((await admin("/api/v1/monitors", { token: WRONG, address: neighbour })).status).toBe(401);
  });

  it("pings from a blocked address are still answered and counted", async () => {
    const monitor = await createMonitor();
    const guesser = await withinOneMinute(async () => {
      const address = freshAddress();
      await statuses(FAILURE_LIMIT + 1, () => admin("/api/v1/monitors", { token: WRONG, address }));
      return address;
    });
    expect((await admin("/api/v1/monitors", { address: guesser })).status).toBe(429);
    expect((await ping(monitor.ping_url, "GET", undefined, { "cf-connecting-ip": guesser })).status).toBe(200);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.last_ping_at).not.toBeNull();
  });

  it("without CF-Connecting-IP (local), every request counts as one address", async () => {
    const refused = await withinOneMinute(async () => {
      await statuses(FAILURE_LIMIT, () => admin("/api/v1/monitors", { token: WRONG }));
      return admin("/api/v1/monitors", { token: WRONG });
    });
    await expectRateLimited(refused, 60);
    expect((await admin("/api/v1/monitors", { token: WRONG, address: freshAddress() })).status).toBe(401);
  });
});

/** A server whose one route is behind `limitKey(keyId)`, answering errors as the app does. */
function keyLimited(keyId: string): () => Promise<Response> {
  const server = new Hono<AppEnv>();
  server.onError(handleError);
  server.use(async (c, next) => {
    await limitKey(c, keyId);
    await next();
  });
  server.get("/", (c) => c.json({ ok: true }));
  return async () => server.request(`${ORIGIN}/`, {}, LIMITED);
}

describe("requests per API key", () => {
  it("the 601st request of a key in a minute gets 429; another key goes on", { timeout: 60_000 }, async () => {
    const { accepted, refused, other } = await withinOneMinute(async () => {
      const send = keyLimited(`key_${crypto.randomUUID()}`);
      const accepted = await statuses(KEY_LIMIT, send);
      return { accepted, refused: await send(), other: await keyLimited(`key_${crypto.randomUUID()}`)() };
    });
    expect(accepted).toEqual(Array(KEY_LIMIT).fill(200));
    await expectRateLimited(refused, 60);
    expect(other.status).toBe(200);
  });

  it("the admin token past its limit gets 429 on admin routes, and a refused request changes nothing", { timeout: 120_000 }, async () => {
    const address = freshAddress();
    const { accepted, refused, name } = await withinOneMinute(async () => {
      const accepted = await countUntilRefused(() => admin("/api/v1/team", { address }));
      const name = `refused-${crypto.randomUUID()}`;
      const refused = await admin("/api/v1/monitors", { address, method: "POST", body: { name, interval: 60 } });
      return { accepted, refused, name };
    });
    expect(accepted).toBeLessThanOrEqual(KEY_LIMIT);
    await expectRateLimited(refused, 60);
    const monitors = (await api("GET", "/api/v1/monitors?limit=100")).body.data as { name: string }[];
    expect(monitors.map((m) => m.name)).not.toContain(name);
  });
});

/** How many requests `send` gets through before it is refused (within two minutes' worth of requests). */
async function countUntilRefused(send: () => Promise<Response>): Promise<number> {
  let accepted = 0;
  while (accepted <= 2 * KEY_LIMIT) {
    const batch = await statuses(50, send);
    expect(batch.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    accepted += batch.filter((status) => status === 200).length;
    if (batch.includes(429)) return accepted;
  }
  throw new Error(`no 429 after ${accepted} requests`);
}
