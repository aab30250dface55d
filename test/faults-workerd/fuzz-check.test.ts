import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import { monitorStub } from "../../src/do/stub";
import { ApiError, errorResponse } from "../../src/errors";
import { createMonitor, stub } from "../helpers";
import { FuzzTarget } from "./fuzz-check";
import type { FuzzRequest } from "./fuzz-requests";

/** The fuzzer's checks must be able to fail: an app with deliberately broken routes, and the failure each one must cause. */

const UNKNOWN_MONITOR = `mon_${"q".repeat(26)}`;

/** Outside /api/v1: the admin middleware refuses every route there that declares no scope, as these do not. */
function brokenApp() {
  const app = createApp();
  const rejected = (c: Parameters<typeof errorResponse>[0]) => errorResponse(c, new ApiError("invalid_request", "no"));
  app.post("/api/selftest/throws", () => {
    throw new Error("boom");
  });
  app.post("/api/selftest/bare-error", (c) => c.json({ error: "no" }, 400));
  app.post("/api/selftest/extra-field", (c) => c.json({ error: { code: "x", message: "no", details: [], stack: "at" } }, 400));
  app.post("/api/selftest/writes-d1", async (c) => {
    await env.DB.prepare("UPDATE teams SET name = name || '!'").run();
    return rejected(c);
  });
  app.get("/api/selftest/read-writes", async (c) => {
    await env.DB.prepare("UPDATE teams SET name = name || '?'").run();
    return c.json({ ok: true });
  });
  app.post("/api/selftest/writes-object/:id", async (c) => {
    await runInDurableObject(stub(c.req.param("id")), (_, state) => state.storage.put("stray", 1));
    return rejected(c);
  });
  // Reaches the object the way the app does (src/do/stub.ts), its id only in the body: not named in the URL.
  app.post("/api/selftest/writes-by-stub", async (c) => {
    const { id } = await c.req.json<{ id: string }>();
    await runInDurableObject(monitorStub(env, id), async (_, state) =>
      state.storage.put("strays", ((await state.storage.get<number>("strays")) ?? 0) + 1),
    );
    return rejected(c);
  });
  app.post("/api/selftest/ok", (c) => rejected(c));
  // Reaches an object by its hex id: an id with no name, which the fuzzer does not count as addressed.
  app.post("/api/selftest/writes-unwatched/:hex", async (c) => {
    await runInDurableObject(env.MONITOR.get(env.MONITOR.idFromString(c.req.param("hex"))), (_, state) => state.storage.put("unseen", 1));
    return rejected(c);
  });
  // Decodes bytes that are not UTF-8 into U+FFFD instead of refusing them, and echoes what it kept.
  app.post("/api/selftest/lenient", async (c) => {
    try {
      return c.json({ kept: JSON.parse(await c.req.text()) });
    } catch {
      return errorResponse(c, new ApiError("invalid_json", "body is not valid JSON"));
    }
  });
  return app;
}

function request(path: string, method = "POST", body: FuzzRequest["body"] = { kind: "text", text: "{}" }): FuzzRequest {
  return {
    method,
    route: `${method} /${path}`,
    segments: path.split("/").map((value) => ({ value, raw: true })),
    mutation: { kind: "none", at: 0 },
    query: null,
    headers: { authorization: { values: ["Bearer test-admin-token"], valid: true }, contentType: "application/json", extra: [] },
    body: method === "GET" ? null : body,
    transport: "string",
  };
}

describe("the bad-input checks catch what they claim to", () => {
  let target: FuzzTarget;
  let monitorId = "";

  beforeAll(async () => {
    vi.spyOn(console, "error").mockImplementation(() => {}); // the broken routes' own logging
    monitorId = (await createMonitor({ interval: 60 })).id;
    target = await FuzzTarget.create(async () => false, brokenApp());
  });

  afterAll(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ["a 500", "api/selftest/throws", /server error 500/],
    ["an error without the envelope", "api/selftest/bare-error", /not the error envelope/],
    ["an envelope with extra fields", "api/selftest/extra-field", /other fields/],
    ["a rejected request that writes D1", "api/selftest/writes-d1", /rejected request \(400\) changed the state changed:\n {2}d1 teams/],
    ["a read that writes D1", "api/selftest/read-writes", /a read changed the state changed:\n {2}d1 teams/],
  ])("%s", async (_, path, message) => {
    await expect(target.check(request(path, path.includes("read") ? "GET" : "POST"))).rejects.toThrow(message);
  });

  it("a rejected request that writes a live monitor's object, or an unknown one", async () => {
    await expect(target.check(request(`api/selftest/writes-object/${monitorId}`))).rejects.toThrow(`object ${monitorId}`);
    await expect(target.check(request(`api/selftest/writes-object/${UNKNOWN_MONITOR}`))).rejects.toThrow(`object ${UNKNOWN_MONITOR}`);
  });

  it("a rejected request that writes an object it reached through the app's stub, again once the id is kept", async () => {
    const body: FuzzRequest["body"] = { kind: "text", text: JSON.stringify({ id: monitorId }) };
    for (let time = 0; time < 2; time++) {
      await expect(target.check(request("api/selftest/writes-by-stub", "POST", body))).rejects.toThrow(`object ${monitorId}`);
    }
  });

  it("a route that reads JSON but keeps bytes that are not UTF-8 (as U+FFFD)", async () => {
    const notUtf8: FuzzRequest["body"] = { kind: "bytes", prefix: '{"name":"', bytes: [0xff], suffix: '"}' };
    await expect(target.check(request("api/selftest/lenient", "POST", notUtf8))).rejects.toThrow(/holds U\+FFFD/);
    await expect(target.check(request("api/selftest/lenient", "POST", { kind: "text", text: "{not json" }))).rejects.toThrow(
      /reads JSON bodies, yet accepted one that is not UTF-8 JSON/,
    );
  });

  it("an object reached by a hex id: the periodic full check catches it", async () => {
    const hex = env.MONITOR.idFromName(monitorId).toString();
    await expect(target.check(request(`api/selftest/writes-unwatched/${hex}`))).resolves.toBeUndefined();
    expect((await target.fullCheck()).join("\n")).toContain(`object ${monitorId}`);
  });

  it("a well-behaved rejection passes, and the failure message shows the request", async () => {
    await expect(target.check(request("api/selftest/ok"))).resolves.toBeUndefined();
    await expect(target.check(request("api/selftest/throws"))).rejects.toThrow(
      /request:\nPOST http:\/\/lubdub.test\/api\/selftest\/throws/,
    );
  });
});
