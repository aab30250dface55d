import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { testAlertEvent } from "../../src/channels/test-event";
import { hostProblem, parseV6, urlProblem } from "../../src/channels/url-safety";
import { attemptDelivery } from "../../src/do/deliver";
import { pendingDelivery } from "../../src/do/jobs";
import { ObjectStore, type OutboxJob } from "../../src/do/storage/object-store";
import { ADMIN_TOKEN, type ApiResponse, api, createMonitor, interceptFetch, stub, T0, useFakeClock } from "../helpers";

// Which URLs production (ALLOW_INSECURE_WEBHOOKS off) refuses to call, table-driven and pure; then
// where the rule applies: on create, on edit and on every send.

const production = { allowInsecure: false };
const development = { allowInsecure: true };

describe("production refuses every private target, in every notation", () => {
  it.each([
    // IPv4, dotted and in the notations the URL parser normalises
    ["https://127.0.0.1/", /loopback/],
    ["https://127.255.255.254:8443/x", /loopback/],
    ["https://2130706433/", /loopback/],
    ["https://0x7f000001/", /loopback/],
    ["https://0x7f.1/", /loopback/],
    ["https://0177.0.0.1/", /loopback/],
    ["https://127.1/", /loopback/],
    ["https://0.0.0.0/", /this network/],
    ["https://0/", /this network/],
    ["https://10.0.0.1/", /private/],
    ["https://10.255.255.255/", /private/],
    ["https://172.16.0.1/", /private/],
    ["https://172.31.255.255/", /private/],
    ["https://192.168.1.1/", /private/],
    ["https://100.64.0.1/", /carrier-grade/],
    ["https://100.127.255.255/", /carrier-grade/],
    ["https://169.254.169.254/latest/meta-data/", /link-local/],
    ["https://169.254.0.1/", /link-local/],
    ["https://2852039166/", /link-local/], // 169.254.169.254 in decimal
    ["https://224.0.0.1/", /multicast/],
    ["https://239.255.255.250/", /multicast/],
    ["https://255.255.255.255/", /reserved or broadcast/],
    ["https://240.0.0.1/", /reserved/],
    ["https://192.0.2.1/", /documentation/],
    ["https://198.18.0.1/", /benchmarking/],
    // IPv6
    ["https://[::1]/", /loopback/],
    ["https://[::]/", /unspecified/],
    ["https://[0:0:0:0:0:0:0:1]/", /loopback/],
    ["https://[::ffff:127.0.0.1]/", /loopback/],
    ["https://[::ffff:7f00:1]/", /loopback/],
    ["https://[::ffff:169.254.169.254]/", /link-local/],
    ["https://[::ffff:10.0.0.1]/", /private/],
    ["https://[::127.0.0.1]/", /loopback/], // IPv4-compatible
    ["https://[::8.8.8.8]/", /IPv4-compatible/],
    ["https://[64:ff9b::10.0.0.1]/", /private/], // NAT64 well-known prefix
    ["https://[64:ff9b::a9fe:a9fe]/", /link-local/],
    ["https://[64:ff9b:1::1]/", /NAT64/],
    ["https://[2002:7f00:1::]/", /loopback/], // 6to4 of 127.0.0.1
    ["https://[2002:c0a8:101::1]/", /private/], // 6to4 of 192.168.1.1
    ["https://[fe80::1]/", /link-local/],
    ["https://[febf::1]/", /link-local/],
    ["https://[fc00::]/", /unique-local/],
    ["https://[fd12:3456:789a::1]/", /unique-local/],
    ["https://[ff02::1]/", /multicast/],
    ["https://[fec0::1]/", /reserved/], // site-local, deprecated
    ["https://[2001:db8::1]/", /documentation/],
    ["https://[2001::1]/", /Teredo/],
    ["https://[100::1]/", /reserved/],
    // names
    ["https://localhost/", /without a dot/],
    ["https://LOCALHOST:8443/", /without a dot/],
    ["https://localhost./", /without a dot/],
    ["https://ｌｏｃａｌｈｏｓｔ/", /without a dot/], // full-width, IDNA-mapped to localhost
    ["https://api.localhost/", /\.localhost/],
    ["https://printer.local/", /\.local\b/],
    ["https://metadata.google.internal/computeMetadata/v1/", /\.internal/],
    ["https://db.internal./", /\.internal/],
    ["https://router.home.arpa/", /home\.arpa/],
    ["https://nas.localdomain/", /localdomain/],
    ["https://metadata/", /without a dot/],
    ["https://intranet/", /without a dot/],
  ])("%s", (url, reason) => {
    const problem = urlProblem(url, production);
    expect(problem).toMatch(/^must be a public internet address: /);
    expect(problem).toMatch(reason);
  });

  it.each(["http://example.com/hook", "http://8.8.8.8/", "ftp://example.com/x", "javascript:alert(1)"])(
    "%s is refused: not https",
    (url) => {
      expect(urlProblem(url, production)).toMatch(/must be https/);
    },
  );

  it.each(["", "https://", "not a url", "https://[::1/", "https://999.1.1.1/"])("%j is refused: not a URL", (url) => {
    expect(urlProblem(url, production)).toBe("is not a valid URL");
  });
});

describe("production accepts the public internet", () => {
  it.each([
    "https://hooks.slack.com/services/T000/B000/XXXX",
    "https://discord.com/api/webhooks/1/abc",
    "https://ntfy.sh",
    "https://8.8.8.8/",
    "https://1.1.1.1:8443/hook",
    "https://172.32.0.1/", // just past 172.16/12
    "https://100.128.0.1/", // just past 100.64/10
    "https://169.255.0.1/",
    "https://11.0.0.1/",
    "https://[2606:4700:4700::1111]/",
    "https://[::ffff:8.8.8.8]/", // IPv4-mapped public address: the same as 8.8.8.8
    "https://[64:ff9b::808:808]/", // NAT64 of a public address
    "https://example.local.example.com/", // ".local" only as the last label counts
    "https://user:pass@receiver.example.com/hook?token=x",
  ])("%s", (url) => {
    expect(urlProblem(url, production)).toBeNull();
  });
});

describe("development (ALLOW_INSECURE_WEBHOOKS) allows local receivers", () => {
  it.each(["http://127.0.0.1:9999/hook", "http://localhost:8080/", "https://10.0.0.1/", "http://[::1]:3000/"])("%s", (url) => {
    expect(urlProblem(url, development)).toBeNull();
  });

  it("but still only http(s)", () => {
    expect(urlProblem("ftp://127.0.0.1/", development)).toMatch(/must be https/);
  });
});

describe("the IPv6 parser", () => {
  it.each([
    ["::", [0, 0, 0, 0, 0, 0, 0, 0]],
    ["::1", [0, 0, 0, 0, 0, 0, 0, 1]],
    ["fe80::1", [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
    ["1:2:3:4:5:6:7:8", [1, 2, 3, 4, 5, 6, 7, 8]],
    ["::ffff:1.2.3.4", [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]],
    ["1::", [1, 0, 0, 0, 0, 0, 0, 0]],
  ])("%s", (text, groups) => {
    expect(parseV6(text)).toEqual(groups);
  });

  it.each(["1:2:3", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8:9", "g::1", "12345::1"])("refuses %s", (text) => {
    expect(parseV6(text)).toBeNull();
  });

  it("a host that is not valid IPv6 between brackets is refused", () => {
    expect(hostProblem("[zz::1]")).toBe("a malformed IPv6 address");
  });
});

const app = createApp();
const PRODUCTION = { ...env, ALLOW_INSECURE_WEBHOOKS: "false" };

async function call(method: string, path: string, body: unknown, bindings: Env = env) {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await app.request(`http://lubdub.test${path}`, init, bindings);
  return { status: res.status, body: await res.json(), headers: res.headers } as ApiResponse;
}

const PRIVATE_TARGETS = [
  "https://169.254.169.254/latest/meta-data/",
  "https://127.0.0.1/",
  "https://10.0.0.1/",
  "https://2130706433/",
  "https://[::1]/",
  "https://[::ffff:127.0.0.1]/",
  "https://localhost/",
  "https://metadata.google.internal/",
];

describe("production refuses private, loopback and link-local targets", () => {
  useFakeClock(T0);

  it.each(PRIVATE_TARGETS)("on create: webhook, slack and ntfy to %s", async (url) => {
    for (const [body, field] of [
      [{ type: "webhook", url }, "url"],
      [{ type: "slack", url: `${url}services/T/B/X` }, "url"],
      [{ type: "ntfy", server: url, topic: "t" }, "server"],
    ] as const) {
      const res = await call("POST", "/api/v1/channels", { name: "n", ...body }, PRODUCTION);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.details).toEqual([{ path: field, message: expect.stringMatching(/^must be a public internet address: /) }]);
    }
  });

  it("on edit, leaving the channel as it was", async () => {
    const created = await call(
      "POST",
      "/api/v1/channels",
      { type: "webhook", name: "n", url: "https://receiver.example/hook" },
      PRODUCTION,
    );
    expect(created.status).toBe(201);
    for (const url of PRIVATE_TARGETS) {
      const res = await call("PATCH", `/api/v1/channels/${created.body.id}`, { url }, PRODUCTION);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe("url");
    }
    expect((await api("GET", `/api/v1/channels/${created.body.id}`)).body.config.url).toBe("https://receiver.example/hook");
  });

  it("on send: a channel stored under another setting is not called by the test endpoint", async () => {
    const receiver = interceptFetch();
    for (const url of ["http://127.0.0.1:9999/hook", "https://10.1.2.3/hook"]) {
      const { id } = (await api("POST", "/api/v1/channels", { type: "webhook", name: "n", url })).body;
      const res = await call("POST", `/api/v1/channels/${id}/test`, undefined, PRODUCTION);
      expect(res.body).toMatchObject({ ok: false, status_code: null, error: expect.stringMatching(/^not sent: the URL must be/) });
    }
    expect(receiver.captured).toHaveLength(0);
  });

  it("on send: an outbox delivery to a stored private target is final and marks the channel failing", async () => {
    const receiver = interceptFetch();
    const { id } = (await api("POST", "/api/v1/channels", { type: "webhook", name: "n", url: "https://169.254.169.254/hook" })).body;
    const event = testAlertEvent(T0);
    const record = pendingDelivery("dlv_aaaaaaaaaaaaaaaaaaaaaaaaaa", id, event, T0);
    const job: OutboxJob = {
      seq: 1,
      id: record.id,
      lane: id,
      payload: JSON.stringify({ record, event }),
      attempts: 0,
      nextAttemptAt: T0,
      createdAt: T0,
    };
    // Attempted inside the object of a monitor that sends to the channel, as the outbox does.
    const monitor = await createMonitor({ name: "n", interval: 60, channels: [id] });
    const result = await runInDurableObject(stub(monitor.id), (_, state) =>
      attemptDelivery(PRODUCTION, new ObjectStore(state.storage), job, T0, (url, init) => fetch(url, init)),
    );
    const reason =
      "not sent: the URL must be a public internet address: 169.254.169.254 is a link-local address (cloud metadata lives here)";
    expect(result).toMatchObject({ retryAt: null, channelFailing: reason, record: { status: "failed", lastError: reason } });
    expect(receiver.captured).toHaveLength(0);
  });

  it("development (as the tests run) still reaches local receivers", async () => {
    const receiver = interceptFetch();
    const { id } = (await api("POST", "/api/v1/channels", { type: "webhook", name: "n", url: "http://127.0.0.1:9999/hook" })).body;
    expect((await api("POST", `/api/v1/channels/${id}/test`)).body.ok).toBe(true);
    expect(receiver.captured).toHaveLength(1);
  });
});
