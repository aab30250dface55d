import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { advanceTo, api, createMonitor, interceptFetch, ping, S, settle, T0, useFakeClock } from "./helpers";

// Custom headers are checked on input; a request fetch can never send is final; no secret of a channel
// comes back through a receiver that echoes the request (test result, delivery log, failing reason).

useFakeClock(T0);

const HOOK = "https://receiver.example/hook";
const AUTH_TOKEN = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
const API_KEY = "k3y-0f-the-ap1-9f8e7d6c5b4a";
const WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

const webhook = (headers: Record<string, string>) => api("POST", "/api/v1/channels", { type: "webhook", name: "n", url: HOOK, headers });

describe("custom header names and values are validated, naming the header", () => {
  it.each([
    ["CR LF in a value", { "X-A": "v\r\nX-B: 1" }, "headers.X-A", /no CR, LF, NUL/],
    ["a bare LF", { "X-A": "v\nX-B: 1" }, "headers.X-A", /no CR, LF, NUL/],
    ["NUL", { "X-A": "v\u0000" }, "headers.X-A", /no CR, LF, NUL/],
    ["another control character", { "X-A": "v\u001b[0m" }, "headers.X-A", /control/],
    ["a non-ASCII value", { "X-A": "caf\u00e9 \u20ac" }, "headers.X-A", /printable ASCII/],
    ["a value over 1000 characters", { "X-A": "a".repeat(1001) }, "headers.X-A", /1000/],
    ["a name with a space", { "X A": "v" }, "headers.X A", /HTTP token/],
    ["a name with a colon", { "X:A": "v" }, "headers.X:A", /HTTP token/],
    ["a name with CR LF", { "X-A\r\nX-B": "v" }, "headers.X-A\r\nX-B", /HTTP token/],
    ["content-type, in any case", { "Content-Type": "text/plain" }, "headers.Content-Type", /sets this header itself/],
    ["webhook-signature", { "Webhook-Signature": "v1,forged" }, "headers.Webhook-Signature", /sets this header itself/],
    ["host", { host: "internal.example" }, "headers.host", /sets this header itself/],
    ["the same name twice", { "X-A": "1", "x-a": "2" }, "headers.x-a", /twice/],
  ])("refuses %s", async (_, headers, path, message) => {
    const res = await webhook(headers);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.details).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("refuses them on PATCH too, and keeps the headers it had", async () => {
    const { id } = (await webhook({ "X-A": "good" })).body;
    const res = await api("PATCH", `/api/v1/channels/${id}`, { headers: { "X-A": "v\r\nX-B: 1" } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: "headers.X-A", message: expect.stringMatching(/no CR, LF, NUL/) });
    const receiver = interceptFetch();
    await api("POST", `/api/v1/channels/${id}/test`);
    expect(receiver.captured[0]?.headers["x-a"]).toBe("good");
  });

  it("accepts tokens and printable values, and a custom User-Agent replaces lubdub's", async () => {
    const res = await webhook({ Authorization: `Bearer ${AUTH_TOKEN}`, "X-Team_Id.v2": "a b\tc", "User-Agent": "my-proxy/1" });
    expect(res.status).toBe(201);
    const receiver = interceptFetch();
    await api("POST", `/api/v1/channels/${res.body.id}/test`);
    expect(receiver.captured[0]?.headers).toMatchObject({
      authorization: `Bearer ${AUTH_TOKEN}`,
      "x-team_id.v2": "a b\tc",
      "user-agent": "my-proxy/1",
    });
  });
});

/** A channel stored before header validation existed: written as an older version would have. */
async function legacyChannelWithHeader(value: string): Promise<string> {
  const { id, config } = (await webhook({ "X-A": "placeholder" })).body;
  await env.DB.prepare("UPDATE channels SET config = ? WHERE id = ?")
    .bind(JSON.stringify({ type: "webhook", ...config, headers: { "X-A": value } }), id)
    .run();
  return id;
}

describe("a request that can never be sent is final, not retried for a day", () => {
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

/** A receiver that answers with everything it was sent, as many do on errors. */
const echo = (status: number) =>
  interceptFetch((req) => new Response(`${req.url}\n${JSON.stringify(req.headers)}\n${req.body}`, { status }));

const SECRET_CHANNELS = [
  {
    body: { type: "webhook", url: HOOK, secret: WHSEC, headers: { Authorization: `Bearer ${AUTH_TOKEN}`, "X-Api-Key": API_KEY } },
    secrets: [AUTH_TOKEN, API_KEY, WHSEC, WHSEC.slice(6)],
  },
  {
    body: { type: "slack", url: "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/xoxbSecretTokenPart123" },
    secrets: ["xoxbSecretTokenPart123", "T0ABCDEF1/B0ABCDEF2"],
  },
  {
    body: { type: "telegram", bot_token: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", chat_id: 1 },
    secrets: ["AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"],
  },
  { body: { type: "ntfy", topic: "t", token: "tk_abcdefghijklmnopqrstuvwxyz012" }, secrets: ["tk_abcdefghijklmnopqrstuvwxyz012"] },
  { body: { type: "opsgenie", api_key: "eb243592-faa2-4ba2-a551-1afdf565c889" }, secrets: ["eb243592-faa2-4ba2-a551-1afdf565c889"] },
  { body: { type: "pagerduty", routing_key: "R0123456789abcdef0123456789abcde" }, secrets: ["R0123456789abcdef0123456789abcde"] },
] as const;

function expectNoSecret(shown: unknown, secrets: readonly string[]) {
  const text = JSON.stringify(shown);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe.each(SECRET_CHANNELS)("an echoing receiver leaks no secret of a $body.type channel", ({ body, secrets }) => {
  it("in the test result", async () => {
    const { id } = (await api("POST", "/api/v1/channels", { name: "n", ...body })).body;
    echo(500);
    const result = (await api("POST", `/api/v1/channels/${id}/test`)).body;
    expect(result).toMatchObject({ ok: false, status_code: 500 });
    expectNoSecret(result, secrets);
    expect(`${result.error} ${result.body_excerpt}`).toContain("[redacted]");
  });

  it("in the delivery log and the channel's failing reason", async () => {
    const { id } = (await api("POST", "/api/v1/channels", { name: "n", ...body })).body;
    const monitor = await createMonitor({ name: "echoed", interval: 60, channels: [id] });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    echo(500);
    await advanceTo(monitor.id, T0 + 60 * S); // the first attempt: a 500, retried
    echo(410);
    await advanceTo(monitor.id, T0 + 600 * S); // the retry: 410, final for a webhook, retried for others
    const deliveries = (await api("GET", `/api/v1/channels/${id}/deliveries`)).body;
    const channel = (await api("GET", `/api/v1/channels/${id}`)).body;
    expect(deliveries.data[0].last_error).toMatch(/^HTTP (500|410): /);
    expectNoSecret([deliveries, channel, (await api("GET", `/api/v1/deliveries/${deliveries.data[0].id}`)).body], secrets);
  });
});
