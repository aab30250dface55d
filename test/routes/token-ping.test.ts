import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import worker from "../../src/index";
import { answerTokenPing } from "../../src/routes/token-ping";
import { api, createMonitor, ping, S, setNow, T0, useFakeClock } from "../helpers";

/**
 * `GET|HEAD /ping/<token>[/]` is answered before Hono (src/routes/token-ping.ts). It must answer exactly
 * as the Hono route does (status, body, headers), count as the same ping, and leave everything else to Hono.
 */
useFakeClock(T0);

const viaWorker = (url: string, init: RequestInit<IncomingRequestCfProperties> = {}) =>
  worker.fetch(new Request<unknown, IncomingRequestCfProperties>(url, init), env, createExecutionContext());

/** The answer; its request id (one per request, so never equal on two paths) only as "present or not". */
async function answer(res: Response) {
  const { "x-request-id": requestId, ...headers } = Object.fromEntries(res.headers);
  return { status: res.status, body: await res.text(), headers, requestId: requestId === undefined ? "absent" : "present" };
}

/** The same request through the Worker's entry (fast path) and through Hono alone (today's route). */
async function bothPaths(url: string, method = "GET") {
  const fast = await answer(await viaWorker(url, { method }));
  const hono = await answer(await ping(url, method));
  return { fast, hono };
}

describe("the token ping before Hono", () => {
  it.each([
    ["GET", ""],
    ["GET", "/"],
    ["HEAD", ""],
    ["HEAD", "/"],
  ])("%s /ping/<token>%s answers as the Hono route does, headers included, and counts", async (method, slash) => {
    const monitor = await createMonitor({ interval: "1h" });
    const url = `${monitor.ping_url}${slash}`;
    expect(await answerTokenPing(new Request(url, { method }), env)).not.toBeNull();
    const { fast, hono } = await bothPaths(url, method);
    expect(fast).toEqual(hono);
    expect(fast).toMatchObject({ status: 200, body: method === "HEAD" ? "" : "OK" });
    expect(fast.headers).toMatchObject({ "cache-control": "no-cache", "access-control-allow-origin": "*" });
    expect(fast.headers["content-type"]).toMatch(/^text\/plain/);
    setNow(T0 + S);
    await viaWorker(url, { method, headers: { "user-agent": "curl/8", "cf-connecting-ip": "203.0.113.9" } });
    const log = (await api("GET", `/api/v1/monitors/${monitor.id}/pings`)).body.data;
    expect(log[0]).toMatchObject({ kind: "success", method, user_agent: "curl/8", ip: "203.0.113.9" });
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.status).toBe("up");
  });

  it("an unknown token is the same 404 'not found' on both paths", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const unknown = monitor.ping_url.replace(/\/ping\/[a-z2-7]{4}/, "/ping/aaaa");
    expect(await answerTokenPing(new Request(unknown), env)).not.toBeNull();
    const { fast, hono } = await bothPaths(unknown);
    expect(fast).toEqual(hono);
    expect(fast).toMatchObject({ status: 404, body: "not found" });
  });

  it("an unreachable object is the same logged 500 with the error envelope on both paths", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const unreachable = () => {
      throw new Error("object unreachable");
    };
    // Fault injection: the binding fails as an overloaded or unreachable Durable Object does.
    const monitors = { idFromName: env.MONITOR.idFromName.bind(env.MONITOR), get: unreachable };
    const broken = { ...env, MONITOR: monitors as unknown as Env["MONITOR"] };
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const ray = { "cf-ray": "8f1e2d3c4b5a6978-AMS" };
    const fast = await answer(await worker.fetch(new Request(monitor.ping_url, { headers: ray }), broken, createExecutionContext()));
    const hono = await answer(await createApp().request(monitor.ping_url, { headers: ray }, broken));
    expect(fast).toEqual(hono);
    expect(fast.status).toBe(500);
    const error = { code: "internal", message: "internal error", details: [], request_id: ray["cf-ray"] };
    expect(JSON.parse(fast.body)).toEqual({ error });
    // One JSON line per failure, with the id the client was shown.
    const logged = errors.mock.calls.map(([line]) => line);
    // The path is logged without the ping token, which is a credential.
    const line = { event: "request.failed", request_id: ray["cf-ray"], path: "/ping/[redacted]" };
    expect(logged).toEqual([1, 2].map(() => expect.objectContaining(line)));
    expect(JSON.stringify(logged)).not.toContain(monitor.ping_url.split("/").pop());
    // Without Cloudflare's ray id (local development), each failure gets its own.
    const ids = await Promise.all(
      [1, 2].map(async () => {
        const res = await worker.fetch(new Request(monitor.ping_url), broken, createExecutionContext());
        return ((await res.json()) as { error: { request_id: string } }).error.request_id;
      }),
    );
    expect(new Set(ids).size).toBe(2);
    errors.mockRestore();
  });

  it("everything else goes to Hono: an upper-case token, suffixes, a query, POST, OPTIONS", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const url = monitor.ping_url;
    const token = url.split("/").pop() ?? "";
    const others: [string, string][] = [
      ["GET", url.replace(token, token.toUpperCase())],
      ["GET", `${url}/start`],
      ["GET", `${url}/fail`],
      ["GET", `${url}?rid=not-a-uuid`],
      ["POST", url],
      ["OPTIONS", url],
    ];
    for (const [method, other] of others) {
      expect(await answerTokenPing(new Request(other, { method }), env)).toBeNull();
      const { fast, hono } = await bothPaths(other, method);
      expect(fast.status).toBe(hono.status);
      expect(fast.headers).toEqual(hono.headers);
    }
    const upper = await viaWorker(url.replace(token, token.toUpperCase()));
    expect(upper.status).toBe((await ping(url.replace(token, token.toUpperCase()))).status);
  });
});
