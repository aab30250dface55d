import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import worker from "../../src/index";
import { bodyFor, concretePath } from "../admin-routes";
import { ADMIN_TOKEN, createMonitor, ORIGIN } from "../helpers";

/**
 * Every answer carries `x-request-id`, whatever route, method, status or path (the token ping's fast path
 * included), and an error's envelope quotes the same id. The routes are enumerated from the app itself, so
 * a new one cannot be forgotten.
 */
const app = createApp();
const routes = [...new Set(app.routes.filter((r) => r.method !== "ALL" && !r.path.endsWith("*")).map((r) => `${r.method} ${r.path}`))];
const concrete = (pattern: string) =>
  concretePath(pattern)
    .replace(/\/app\/monitors\/:\w+/, "/app/monitors/mon_aaaaaaaaaaaaaaaaaaaaaaaaaa")
    .replace(/:file/, "app.css")
    .replace(/:\w+/g, "x");

/** Through the Worker's own entry, as production serves it. */
const viaWorker = (path: string, init: RequestInit<IncomingRequestCfProperties> = {}) =>
  worker.fetch(new Request<unknown, IncomingRequestCfProperties>(`${ORIGIN}${path}`, init), env, createExecutionContext());

async function expectTagged(response: Response, what: string): Promise<string> {
  const id = response.headers.get("x-request-id");
  expect(id, what).toMatch(/^[\w-]{8,}$/);
  if (response.headers.get("content-type")?.startsWith("application/json") && response.status >= 400) {
    const body = (await response.json()) as { error?: { request_id?: string } };
    expect(body.error?.request_id, what).toBe(id);
  }
  return id ?? "";
}

describe("x-request-id", () => {
  it("is enumerated over the whole app (not empty by accident)", () => {
    expect(routes).toEqual(expect.arrayContaining(["GET /healthz", "GET /metrics", "GET /app/monitors", "GET /status/:key"]));
    expect(routes.length).toBeGreaterThan(60);
  });

  it.each(routes)("%s answers with one, anonymous and with the admin token", async (route) => {
    const [method = "GET", pattern = "/"] = route.split(" ");
    const body = pattern.startsWith("/api/") ? bodyFor(method) : undefined;
    for (const authorization of [undefined, `Bearer ${ADMIN_TOKEN}`]) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      if (body) headers["content-type"] = "application/json";
      const response = await viaWorker(concrete(pattern), { method, headers, body, redirect: "manual" });
      await expectTagged(response, `${route} (${authorization ? "admin" : "anonymous"}): ${response.status}`);
    }
  });

  it("is on a ping answered before the router, on a 404 and on an unknown API route", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const path = new URL(monitor.ping_url).pathname;
    for (const [target, status] of [
      [path, 200],
      [`${path}/start`, 200],
      ["/ping/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 404],
      ["/no/such/page", 404],
      ["/api/v1/no-such-route", 401], // the token is asked for first
    ] as const) {
      const response = await viaWorker(target);
      expect(response.status, target).toBe(status);
      await expectTagged(response, target);
    }
  });

  it("is Cloudflare's ray id when there is one, the same on a 500's envelope and its log line", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const ray = "8f1e2d3c4b5a6978-AMS";
    const unreachable = () => {
      throw new Error("object unreachable");
    };
    const broken = {
      ...env,
      MONITOR: { idFromName: env.MONITOR.idFromName.bind(env.MONITOR), get: unreachable } as unknown as Env["MONITOR"],
    };
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const url of [monitor.ping_url, `${monitor.ping_url}/fail`, `${ORIGIN}/api/v1/monitors/${monitor.id}`]) {
        const request = new Request<unknown, IncomingRequestCfProperties>(url, {
          headers: { "cf-ray": ray, authorization: `Bearer ${ADMIN_TOKEN}` },
        });
        const response = await worker.fetch(request, broken, createExecutionContext());
        expect(response.status, url).toBe(500);
        expect(await expectTagged(response, url)).toBe(ray);
      }
      expect(errors.mock.calls.map(([line]) => line)).toEqual(
        [1, 2, 3].map(() => expect.objectContaining({ event: "request.failed", request_id: ray })),
      );
    } finally {
      errors.mockRestore();
    }
  });

  it("is a fresh id for each request without a ray id; an incoming x-request-id is not taken", async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(async () => (await viaWorker("/healthz", { headers: { "x-request-id": "mine" } })).headers.get("x-request-id")),
    );
    expect(new Set(ids).size).toBe(3);
    expect(ids).not.toContain("mine");
  });
});
