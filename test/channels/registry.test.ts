import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApp } from "../../src/app";
import { channelName, receiverUrl } from "../../src/channels/fields";
import { jsonPost } from "../../src/channels/json";
import { defineChannel } from "../../src/channels/kind";
import { maskToken } from "../../src/channels/masks";
import { channelTypes, registerChannelKind } from "../../src/channels/registry";
import { ADMIN_TOKEN, advanceTo, api, interceptFetch, ping, S, settle, T0, useFakeClock } from "../helpers";
import { expectInvalid } from "./fixtures";

// Adding a kind of channel is its definition plus one registry line: a kind that exists only in this
// file works through the API (create, mask, edit, URL rules, test send) and in real deliveries.

const TOKEN = "echo-token-0123456789abcdef";

/** A receiver that wants the event type in JSON and its token in a header of its own. */
const echo = defineChannel({
  type: "echo",
  docs: { config: "`url`, `token`", sends: "The event type in JSON." },
  input: z.strictObject({
    type: z.literal("echo"),
    name: channelName,
    url: receiverUrl("the echo receiver"),
    token: z.string().min(16),
  }),
  stored: z.object({ type: z.literal("echo"), url: z.string(), token: z.string() }),
  fromInput: (input) => ({ type: "echo", url: input.url, token: input.token }),
  userUrls: ["url"],
  secrets: { token: maskToken },
  permanentStatuses: [410],
  build: (config, event, context) =>
    jsonPost(config.url, { echo: event.type, monitor: event.monitor.name, test: context.test === true }, { "x-echo-token": config.token }),
});

let unregister = () => {};
let app = createApp();
const created: string[] = [];
const builtIn = channelTypes();

beforeAll(() => {
  unregister = registerChannelKind(echo);
  // As the API reads the registry when the app is built: register first.
  app = createApp();
});

afterAll(async () => {
  // Rows of a kind this release no longer knows would break every other listing of channels.
  for (const id of created) await call("DELETE", `/api/v1/channels/${id}`);
  unregister();
});

async function call(method: string, path: string, body?: unknown, bindings: Partial<Env> = {}) {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await app.request(`http://lubdub.test${path}`, init, { ...env, ...bindings });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

async function createEcho(url = "https://echo.example/in") {
  const res = await call("POST", "/api/v1/channels", { type: "echo", name: "echo", url, token: TOKEN });
  if (res.status === 201) created.push(res.body.id);
  return res;
}

describe("a kind registered from outside the built-in list", () => {
  it("is listed by the registry next to the built-in kinds", () => {
    expect(builtIn).toContain("webhook");
    expect(channelTypes()).toEqual([...builtIn, "echo"]);
  });

  it("is created with its secret shown once, then masked", async () => {
    const res = await createEcho();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: "echo", name: "echo", config: { url: "https://echo.example/in", token: TOKEN } });
    const read = await call("GET", `/api/v1/channels/${res.body.id}`);
    expect(read.body.config).toEqual({ url: "https://echo.example/in", token: `••••${TOKEN.slice(-4)}` });
  });

  it("is validated by its own schema, on create and edit", async () => {
    const bad = await call("POST", "/api/v1/channels", { type: "echo", name: "echo", url: "https://echo.example/in", token: "short" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toContainEqual({ path: "token", message: expect.any(String) });
    const { body } = await createEcho();
    expect((await call("PATCH", `/api/v1/channels/${body.id}`, { type: "slack" })).status).toBe(400);
    expect((await call("PATCH", `/api/v1/channels/${body.id}`, { colour: "red" })).status).toBe(400);
    const edited = await call("PATCH", `/api/v1/channels/${body.id}`, { url: "https://echo.example/v2" });
    expect(edited.status).toBe(200);
    expect(edited.body.config).toEqual({ url: "https://echo.example/v2", token: `••••${TOKEN.slice(-4)}` });
  });

  it("has its user-given URL checked against the deployment's URL rules", async () => {
    const production = { ALLOW_INSECURE_WEBHOOKS: "false" };
    const res = await call("POST", "/api/v1/channels", { type: "echo", name: "e", url: "https://10.0.0.1/in", token: TOKEN }, production);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: "url", message: expect.stringMatching(/^must be a public internet address/) }]);
    const { body } = await createEcho();
    const edit = await call("PATCH", `/api/v1/channels/${body.id}`, { url: "http://echo.example/in" }, production);
    expect(edit.status).toBe(400);
    expect(edit.body.error.details[0].path).toBe("url");
  });

  it("sends a test message built by its own builder, with its secret redacted from the answer", async () => {
    const receiver = interceptFetch((req) => new Response(`no: ${req.headers["x-echo-token"]}`, { status: 500 }));
    const { body } = await createEcho();
    const res = await call("POST", `/api/v1/channels/${body.id}/test`);
    expect(res.body).toEqual({ ok: false, status_code: 500, error: "HTTP 500: no: [redacted]", body_excerpt: "no: [redacted]" });
    expect(receiver.captured).toHaveLength(1);
    expect(receiver.captured[0]?.url).toBe("https://echo.example/in");
    expect(receiver.captured[0]?.headers["x-echo-token"]).toBe(TOKEN);
    expect(JSON.parse(receiver.captured[0]?.body ?? "")).toEqual({ echo: "alert.opened", monitor: "lubdub test", test: true });
  });
});

describe("a kind that is not registered", () => {
  it("is refused on create, naming the type", async () => {
    expectInvalid(await api("POST", "/api/v1/channels", { type: "email", name: "x", to: "a@b.c" }), "type");
  });
});

describe("a registered kind in a monitor's deliveries", () => {
  useFakeClock(T0);

  it("receives the monitor's alert from the outbox", async () => {
    const { body: channel } = await createEcho("http://echo.test/in");
    const monitor = (await call("POST", "/api/v1/monitors", { name: "nightly", interval: 60, grace: 0, channels: [channel.id] })).body;
    const receiver = interceptFetch();
    await ping(monitor.ping_url);
    await settle(monitor.id);
    await advanceTo(monitor.id, T0 + 61 * S);
    expect(receiver.captured.map((r) => [r.url, JSON.parse(r.body)])).toEqual([
      ["http://echo.test/in", { echo: "alert.opened", monitor: "nightly", test: false }],
    ]);
    await call("DELETE", `/api/v1/monitors/${monitor.id}`);
    await settle(monitor.id);
  });
});
