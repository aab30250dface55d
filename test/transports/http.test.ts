import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { classifyStatus, retryAfterFromBody, sendRequest } from "../../src/transports/http";
import { advanceTo, api, createMonitor, interceptFetch, ping, S, settle, T0, useFakeClock } from "../helpers";

// What the transport makes of a receiver's answer: wait (429), retry (5xx, redirects), or give up (a
// request that cannot be sent). Each kind's own permanent statuses are in test/channels/kinds/.

const NOW = Date.parse("2100-01-01T00:00:00Z");
const request = { url: "https://discord.com/api/webhooks/1/a", method: "POST" as const, headers: {}, body: "{}" };
const answer = (response: Response) => sendRequest(request, async () => response, NOW);

describe("429 waits", () => {
  it("Discord: retry_after (float seconds) from the JSON body when there is no Retry-After header", async () => {
    const result = await answer(
      Response.json({ message: "You are being rate limited.", retry_after: 64.57, global: false }, { status: 429 }),
    );
    expect(result).toMatchObject({ outcome: "retry", statusCode: 429, retryAfterMs: 64_570 });
  });

  it("Telegram: parameters.retry_after", async () => {
    const body = { ok: false, error_code: 429, description: "Too Many Requests: retry after 35", parameters: { retry_after: 35 } };
    expect((await answer(Response.json(body, { status: 429 }))).retryAfterMs).toBe(35_000);
  });

  it("the Retry-After header wins over the body", async () => {
    const res = Response.json({ retry_after: 64.57 }, { status: 429, headers: { "retry-after": "2" } });
    expect((await answer(res)).retryAfterMs).toBe(2000);
  });

  it("only a 429's body is read for a wait", async () => {
    expect((await answer(Response.json({ retry_after: 5 }, { status: 503 }))).retryAfterMs).toBeNull();
    expect((await answer(Response.json({ retry_after: 5 }, { status: 200 }))).retryAfterMs).toBeNull();
  });

  it("ignores bodies that are not JSON or hold no usable number", () => {
    expect(retryAfterFromBody("slow down")).toBeNull();
    expect(retryAfterFromBody("null")).toBeNull();
    expect(retryAfterFromBody('{"retry_after":"soon"}')).toBeNull();
    expect(retryAfterFromBody('{"retry_after":-1}')).toBeNull();
    expect(retryAfterFromBody('{"parameters":null}')).toBeNull();
  });
});

describe("answers and their outcome", () => {
  it("PagerDuty's 202 Accepted and Teams' 202 count as delivered", () => {
    expect(classifyStatus(202)).toBe("delivered");
  });

  it("a request that takes longer than the timeout counts as a failed attempt", async () => {
    const hang = (_: string, init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const result = await sendRequest({ url: "http://x.test", method: "POST", headers: {}, body: "{}" }, hang, Date.now(), 20);
    expect(result).toMatchObject({ outcome: "retry", statusCode: null, error: "timed out after 20 ms" });
  });
});

/** A channel stored before header validation existed: written as an older version would have. */
async function legacyChannelWithHeader(value: string): Promise<string> {
  const { id, config } = (
    await api("POST", "/api/v1/channels", {
      type: "webhook",
      name: "n",
      url: "https://receiver.example/hook",
      headers: { "X-A": "placeholder" },
    })
  ).body;
  await env.DB.prepare("UPDATE channels SET config = ? WHERE id = ?")
    .bind(JSON.stringify({ type: "webhook", ...config, headers: { "X-A": value } }), id)
    .run();
  return id;
}

describe("a request that can never be sent is final, not retried for a day", () => {
  useFakeClock(T0);

  it("a stored header with CR LF fails the delivery at once and marks the channel failing", async () => {
    const id = await legacyChannelWithHeader("v\r\nX-B: 1");
    const monitor = await createMonitor({ name: "legacy", interval: 60, channels: [id] });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    const receiver = interceptFetch();
    await advanceTo(monitor.id, T0 + 60 * S);
    await advanceTo(monitor.id, T0 + 3600 * S);
    const reason = 'cannot be sent: header "x-a" has an invalid name or value; edit the channel';
    expect((await api("GET", `/api/v1/channels/${id}`)).body).toMatchObject({ status: "failing", failing_reason: reason });
    const [delivery] = (await api("GET", `/api/v1/channels/${id}/deliveries`)).body.data;
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, last_error: reason, next_attempt_at: null });
    expect(receiver.captured).toHaveLength(0);
  });

  it("the test endpoint says so too", async () => {
    const id = await legacyChannelWithHeader("v\u0000");
    expect((await api("POST", `/api/v1/channels/${id}/test`)).body).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^cannot be sent: header "x-a"/),
    });
  });
});

describe("redirects are never followed", () => {
  useFakeClock(T0);
  afterEach(() => vi.restoreAllMocks());

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

describe("a receiver that cannot be reached: the error says why, not the runtime's opaque words", () => {
  // Real fetches: these are the messages workerd throws, which name neither the host nor the cause.
  const unreachable = (url: string) => sendRequest({ ...request, url }, (input, init) => fetch(input, init), Date.now(), 5_000);

  it("a host name that does not resolve", async () => {
    const result = await unreachable("http://no-such-host.invalid/hook");
    expect(result).toMatchObject({ outcome: "retry", statusCode: null });
    expect(result.error).toMatch(/^network error: cannot reach no-such-host\.invalid: its name does not resolve \(DNS\)/);
  });

  it("a port nobody listens on", async () => {
    const result = await unreachable("http://127.0.0.1:9/hook");
    expect(result.error).toBe("network error: cannot reach 127.0.0.1:9: the connection was refused, or closed before any answer");
  });
});
