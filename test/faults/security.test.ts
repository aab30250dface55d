import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin } from "../../scripts/harness/admin.mjs";
import { type DevServer, startDevServer, waitFor } from "../../scripts/harness/dev-server.mjs";
import { always, type Plan, type Receiver, startReceiver } from "../../scripts/harness/receiver.mjs";
import { ADMIN_ROUTES, bodyFor, concretePath } from "../admin-routes";

// Fault suite, security: against real `npm run dev` servers, one in production mode (ALLOW_INSECURE_WEBHOOKS
// false) and one in development mode (so local receivers can play a redirecting or echoing service).

let production: DevServer | undefined;
let development: DevServer | undefined;
const receivers: Receiver[] = [];

beforeAll(async () => {
  const started = await Promise.allSettled([startDevServer({ vars: { ALLOW_INSECURE_WEBHOOKS: "false" } }), startDevServer()]);
  [production, development] = started.map((s) => (s.status === "fulfilled" ? s.value : undefined));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
}, 120_000);

afterAll(async () => {
  await Promise.all([production?.stop(), development?.stop(), ...receivers.map((r) => r.close())]);
});

const started = (server: DevServer | undefined): DevServer => {
  if (!server) throw new Error("dev server not started");
  return server;
};

/** A local receiver (the shared one), closed after the file: it records every request and answers as `plan` says. */
async function startService(plan: Plan) {
  const service = await startReceiver({ plan });
  receivers.push(service);
  return service;
}

/** Answers with everything it was sent (URL, headers, body), as many services do on errors. */
const echoing = (status: number): Plan => always({ status, echo: true });
/** Redirects every request to `location`. */
const redirecting = (status: number, location: string): Plan => always({ status, headers: { location }, body: "" });

async function raw(server: DevServer, method: string, path: string, authorization?: string, body?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(`${server.url}${path}`, { method, headers, body });
  return { status: res.status, text: await res.text() };
}

describe("admin routes refuse every request without the right token", () => {
  const wrongTokens: [string, string | undefined][] = [
    ["no Authorization header", undefined],
    ["an empty bearer", "Bearer "],
    ["a wrong token of the same length", `Bearer ${"x".repeat("e2e-admin-token".length)}`],
    ["a prefix of the token", "Bearer e2e-admin-toke"],
    ["the token and more", "Bearer e2e-admin-tokenx"],
    ["a very long token", `Bearer ${"e2e-admin-token".repeat(200)}`],
    ["the token as Basic", "Basic e2e-admin-token"],
  ];

  it.each(ADMIN_ROUTES)("%s %s", async (method, pattern) => {
    const server = started(production);
    for (const [what, authorization] of wrongTokens) {
      const res = await raw(server, method, concretePath(pattern), authorization, bodyFor(method));
      expect(res.status, `${what}: ${res.text}`).toBe(401);
      expect(JSON.parse(res.text).error.code).toBe("unauthorized");
    }
  });
});

describe("forged ping tokens", () => {
  it("the right monitor id with a wrong secret answers 404 and changes nothing", async () => {
    const server = started(production);
    const monitor = (await admin(server, "POST", "/api/v1/monitors", { name: "forged", interval: 60 })).body;
    const token = String(monitor.ping_url).split("/ping/")[1] ?? "";
    const [idPart, secret] = [token.slice(0, 26), token.slice(26)];
    const forged = [
      idPart + (secret.startsWith("a") ? "b" : "a") + secret.slice(1),
      idPart + secret.slice(0, -1) + (secret.endsWith("a") ? "b" : "a"),
      idPart + "a".repeat(26),
      idPart + secret.slice(0, 25),
      `${idPart + secret}a`,
      idPart + secret.toUpperCase(),
    ];
    for (const candidate of forged) {
      for (const suffix of ["", "/start", "/fail", "/log", "/0"]) {
        for (const method of ["GET", "POST"]) {
          const res = await fetch(`${server.url}/ping/${candidate}${suffix}`, { method, body: method === "POST" ? "x" : undefined });
          expect(res.status, `${method} ${candidate}${suffix}`).toBe(404);
          await res.arrayBuffer();
        }
      }
    }
    const after = (await admin(server, "GET", `/api/v1/monitors/${monitor.id}`)).body;
    expect(after).toMatchObject({ status: "new", last_ping_at: null });
    expect((await admin(server, "GET", `/api/v1/monitors/${monitor.id}/pings`)).body.data).toEqual([]);
    expect((await admin(server, "GET", `/api/v1/monitors/${monitor.id}/alerts`)).body.data).toEqual([]);
  });
});

const REFUSED_TARGETS = [
  "http://example.com/hook",
  "https://127.0.0.1/",
  "https://127.0.0.1:8787/api/v1/monitors",
  "https://2130706433/",
  "https://0x7f.1/",
  "https://0177.0.0.1/",
  "https://127.1/",
  "https://0.0.0.0/",
  "https://10.0.0.1/",
  "https://172.16.0.1/",
  "https://192.168.0.1/",
  "https://100.64.0.1/",
  "https://169.254.169.254/latest/meta-data/",
  "https://[::1]/",
  "https://[::ffff:127.0.0.1]/",
  "https://[::ffff:169.254.169.254]/",
  "https://[fe80::1]/",
  "https://[fc00::1]/",
  "https://[64:ff9b::10.0.0.1]/",
  "https://localhost/",
  "https://localhost./",
  "https://app.localhost/",
  "https://printer.local/",
  "https://metadata.google.internal/computeMetadata/v1/",
  "https://metadata/",
];

describe("production refuses http, loopback, private and link-local targets", () => {
  it("on create, for every channel type with a URL, and nothing is stored", async () => {
    const server = started(production);
    const before = (await admin(server, "GET", "/api/v1/channels?limit=100")).body.data.length;
    for (const url of REFUSED_TARGETS) {
      for (const [body, field] of [
        [{ type: "webhook", url }, "url"],
        [{ type: "discord", url: `${url.replace(/\/?$/, "/")}api/webhooks/1/a` }, "url"],
        [{ type: "ntfy", server: url, topic: "t" }, "server"],
      ] as const) {
        const res = await admin(server, "POST", "/api/v1/channels", { name: "n", ...body });
        expect(res.status, `${body.type} ${url}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.error.details[0].path).toBe(field);
      }
    }
    expect((await admin(server, "GET", "/api/v1/channels?limit=100")).body.data.length).toBe(before);
  });

  it("on edit, keeping the URL it had", async () => {
    const server = started(production);
    const created = await admin(server, "POST", "/api/v1/channels", { type: "webhook", name: "n", url: "https://receiver.example/hook" });
    expect(created.status).toBe(201);
    for (const url of REFUSED_TARGETS) {
      expect((await admin(server, "PATCH", `/api/v1/channels/${created.body.id}`, { url })).status, url).toBe(400);
    }
    expect((await admin(server, "GET", `/api/v1/channels/${created.body.id}`)).body.config.url).toBe("https://receiver.example/hook");
  });
});

describe("redirects are not followed (development mode, so a local service can redirect)", () => {
  it("a redirect to a private address reaches nothing; a permanent one marks the channel failing", async () => {
    const server = started(development);
    const target = await startService(always({ status: 200, body: "should never be reached" }));
    const redirector = await startService(redirecting(302, `${target.origin}/internal`));
    const { id } = (await admin(server, "POST", "/api/v1/channels", { type: "webhook", name: "r", url: redirector.url })).body;

    for (const status of [301, 302, 303, 307, 308]) {
      redirector.plan = redirecting(status, `${target.origin}/internal`);
      const result = (await admin(server, "POST", `/api/v1/channels/${id}/test`)).body;
      expect(result).toMatchObject({
        ok: false,
        status_code: status,
        error: `HTTP ${status}: redirect to ${target.origin} not followed; use the final URL`,
      });
    }

    // Through the outbox: a monitor goes down, the alert meets a 308, the channel is marked failing.
    redirector.plan = redirecting(308, "http://169.254.169.254/latest/meta-data/");
    const monitor = (await admin(server, "POST", "/api/v1/monitors", { name: "redirected", interval: 1, grace: 0, channels: [id] })).body;
    await (await fetch(monitor.ping_url)).arrayBuffer();
    await waitFor(async () => (await admin(server, "GET", `/api/v1/channels/${id}`)).body.status === "failing", 20_000, "channel failing");
    expect((await admin(server, "GET", `/api/v1/channels/${id}`)).body.failing_reason).toBe(
      "HTTP 308: redirect to http://169.254.169.254 not followed; use the final URL",
    );
    await admin(server, "DELETE", `/api/v1/monitors/${monitor.id}`);
    expect(target.requests).toHaveLength(0);
  });
});

describe("no secret appears after creation: responses, delivery log, server output", () => {
  const AUTH = "sk_live_51HqLyjWDarjtT1zdp7dc9f8e";
  const API_KEY = "key-0f-the-ap1-9f8e7d6c5b4a3210";
  const WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const CHAT_TOKEN = "XoxbSecretTokenPartNumber12345";
  const SECRETS = [AUTH, API_KEY, WHSEC, WHSEC.slice(6), CHAT_TOKEN];

  const expectClean = (what: string, shown: unknown) => {
    const text = typeof shown === "string" ? shown : JSON.stringify(shown);
    for (const secret of SECRETS) expect(text.includes(secret), `${what} contains ${secret}`).toBe(false);
  };

  it("with a receiver that echoes every request back", async () => {
    const server = started(development);
    const echo = await startService(echoing(500));
    const webhook = await admin(server, "POST", "/api/v1/channels", {
      type: "webhook",
      name: "echoed",
      url: echo.url,
      secret: WHSEC,
      headers: { Authorization: `Bearer ${AUTH}`, "X-Api-Key": API_KEY },
    });
    const slack = await admin(server, "POST", "/api/v1/channels", {
      type: "slack",
      name: "chat",
      url: `${echo.origin}/services/T0/B0/${CHAT_TOKEN}`,
    });
    expect(JSON.stringify(webhook.body)).toContain(AUTH); // shown once, at creation
    const ids = [webhook.body.id, slack.body.id];

    for (const id of ids) {
      expectClean("GET channel", (await admin(server, "GET", `/api/v1/channels/${id}`)).body);
      expectClean("PATCH channel", (await admin(server, "PATCH", `/api/v1/channels/${id}`, { name: "renamed" })).body);
      const test = (await admin(server, "POST", `/api/v1/channels/${id}/test`)).body;
      expect(test).toMatchObject({ ok: false, status_code: 500 });
      expectClean("test result", test);
    }
    expectClean("channel list", (await admin(server, "GET", "/api/v1/channels?limit=100")).body);

    // A real outage: the 500 is logged; then a 410 (webhook: final) marks the channel failing with the echo.
    const monitor = (await admin(server, "POST", "/api/v1/monitors", { name: "echo", interval: 1, grace: 0, channels: ids })).body;
    await (await fetch(monitor.ping_url)).arrayBuffer();
    const deliveries = async (id: string) => (await admin(server, "GET", `/api/v1/channels/${id}/deliveries`)).body.data;
    await waitFor(async () => (await deliveries(ids[0])).some((d: { attempts: number }) => d.attempts > 0), 20_000, "a first attempt");
    await waitFor(async () => (await deliveries(ids[1])).some((d: { attempts: number }) => d.attempts > 0), 20_000, "a first attempt");
    echo.plan = echoing(410);
    const [first] = await deliveries(ids[0]);
    await admin(server, "POST", `/api/v1/deliveries/${first.id}/retry`);
    await waitFor(async () => (await admin(server, "GET", `/api/v1/channels/${ids[0]}`)).body.status === "failing", 20_000, "failing");
    await admin(server, "POST", `/api/v1/monitors/${monitor.id}/pause`);

    for (const id of ids) {
      const logged = await deliveries(id);
      const opened = logged.find((d: { event_type: string }) => d.event_type === "alert.opened");
      expect(opened?.last_error).toMatch(/^HTTP (500|410): /);
      expectClean("delivery log", logged);
      for (const d of logged) expectClean("delivery", (await admin(server, "GET", `/api/v1/deliveries/${d.id}`)).body);
      expectClean("channel", (await admin(server, "GET", `/api/v1/channels/${id}`)).body);
    }
    expect((await admin(server, "GET", `/api/v1/channels/${ids[0]}`)).body.failing_reason).toContain(`"authorization":"[redacte`); // cut at 120 characters
    expectClean("alerts", (await admin(server, "GET", `/api/v1/monitors/${monitor.id}/alerts`)).body);
    expect(echo.requests.length).toBeGreaterThan(0);
    expectClean("server output", `${started(development).output()}${started(production).output()}`);
  });
});
