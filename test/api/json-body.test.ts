import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { jsonBody } from "../../src/validation";
import { ADMIN_TOKEN, createMonitor, ORIGIN } from "../helpers";

// curl users forget `-H content-type: application/json` (and `curl -d` says form data): the body is JSON all the same.

const app = createApp();
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** Sends the body as bytes, so no content type is added for it; `headers` may name one. */
async function send(method: string, path: string, body: string, headers: Record<string, string> = {}) {
  const res = await app.request(
    `${ORIGIN}${path}`,
    { method, headers: { ...auth, ...headers }, body: new TextEncoder().encode(body) },
    env,
  );
  return { status: res.status, body: (await res.json()) as { id?: string; name?: string; error?: { code: string; message: string } } };
}

describe("a JSON body without a JSON content type", () => {
  it("POST creates the monitor, with no content type at all", async () => {
    const res = await send("POST", "/api/v1/monitors", JSON.stringify({ name: "no header", interval: "5m" }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "no header", interval: 300 });
  });

  it("POST creates the monitor when the client says it is form data (curl -d)", async () => {
    const body = JSON.stringify({ name: "curl -d", interval: 60 });
    const res = await send("POST", "/api/v1/monitors", body, { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe("curl -d");
  });

  it("PATCH changes the monitor, with no content type or with text/plain", async () => {
    const monitor = await createMonitor();
    expect((await send("PATCH", `/api/v1/monitors/${monitor.id}`, '{"name":"renamed"}')).body.name).toBe("renamed");
    const res = await send("PATCH", `/api/v1/monitors/${monitor.id}`, '{"name":"again"}', { "content-type": "text/plain" });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe("again");
  });

  it("PATCH of a channel (whose schema depends on its type) reads it too", async () => {
    const created = await send("POST", "/api/v1/channels", JSON.stringify({ type: "webhook", name: "hook", url: "https://r.example/h" }));
    expect(created.status).toBe(201);
    const res = await send("PATCH", `/api/v1/channels/${created.body.id}`, '{"name":"renamed hook"}');
    expect(res.status).toBe(200);
    expect(res.body.name).toBe("renamed hook");
  });

  it("is still checked: malformed JSON is invalid_json, a bad field names the field", async () => {
    const malformed = await send("POST", "/api/v1/monitors", "{name:");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.code).toBe("invalid_json");
    const invalid = await send("POST", "/api/v1/monitors", '{"name":"x","interval":"soon"}', { "content-type": "text/plain" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: "invalid_request", message: "invalid body: interval" });
  });
});

describe("every route with a JSON body", () => {
  /** `METHOD /path/:param` of each declared route whose request has a JSON body, as Hono names the route. */
  const withJsonBody = app.openAPIRegistry.definitions.flatMap((definition) => {
    if (definition.type !== "route" || !definition.route.request?.body?.content["application/json"]) return [];
    return [`${definition.route.method.toUpperCase()} ${definition.route.path.replaceAll(/\{(\w+)\}/g, ":$1")}`];
  });

  it("is found: the routes the tests above send bodies to are among them", () => {
    expect(withJsonBody).toEqual(expect.arrayContaining(["POST /api/v1/monitors", "PATCH /api/v1/channels/:id"]));
  });

  it.each(withJsonBody)("%s reads it with the middleware that needs no content type", (route) => {
    const handlers = app.routes.filter((r) => `${r.method} ${r.path}` === route).map((r) => r.handler);
    expect(handlers.length, route).toBeGreaterThan(1);
    expect(handlers, `${route}: declare its body with jsonRequest() (src/api/contract.ts)`).toContain(jsonBody);
  });
});
