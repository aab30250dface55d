import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import {
  advanceTo,
  api,
  createWebhookChannel,
  interceptFetch,
  ping,
  S,
  setNow,
  settle,
  T0,
  useFakeClock,
  watchedWebhook,
} from "../../helpers";
import { answeredWith, context, OPENED, requestFor } from "../fixtures";

// The generic webhook (src/channels/kinds/webhook.ts): our own JSON event, signed (Standard Webhooks);
// custom headers checked on input and masked; 404 and 410 say it is gone.

const HOOK = "https://receiver.example/hook";
const AUTH_TOKEN = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

describe("webhook: the request", () => {
  useFakeClock(T0);

  /** The watched monitor of these tests: its summary and tags travel in every payload. */
  const watchedMonitor = (url?: string) => watchedWebhook(url, { summary: "Backups stopped", tags: ["backup", "db"] });

  it("sends alert.opened when the monitor goes down and alert.closed on the next ping, signed", async () => {
    const { channel, monitor } = await watchedMonitor();
    const receiver = interceptFetch();
    await advanceTo(monitor.id, T0 + 60 * S);
    expect(receiver.captured).toHaveLength(1);
    const [opened] = receiver.captured;
    expect(opened?.url).toBe("http://receiver.test/hook");
    expect(opened?.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(opened?.body ?? "");
    expect(body).toEqual({
      type: "alert.opened",
      occurred_at: new Date(T0 + 60 * S).toISOString(),
      alert: {
        id: expect.stringMatching(/^alt_/),
        reason: "missed",
        opened_at: new Date(T0 + 60 * S).toISOString(),
        closed_at: null,
        close_reason: null,
      },
      monitor: {
        id: monitor.id,
        name: "db backup",
        summary: "Backups stopped",
        status: "down",
        interval: 60,
        schedule: null,
        timezone: null,
        grace: 0,
        last_ping_at: new Date(T0).toISOString(),
        tags: ["backup", "db"],
        slug: null,
        last_ping_body: null,
      },
    });
    // Verified with the reference Standard Webhooks implementation, not our own code.
    expect(new Webhook(channel.config.secret).verify(opened?.body ?? "", opened?.headers ?? {})).toEqual(body);

    setNow(T0 + 100 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect(receiver.captured).toHaveLength(2);
    const closed = JSON.parse(receiver.captured[1]?.body ?? "");
    expect(closed).toMatchObject({
      type: "alert.closed",
      alert: { id: body.alert.id, closed_at: new Date(T0 + 100 * S).toISOString(), close_reason: "ping" },
      monitor: { status: "up", last_ping_at: new Date(T0 + 100 * S).toISOString() },
    });
    expect(receiver.captured[1]?.headers["webhook-id"]).not.toBe(opened?.headers["webhook-id"]);
  });

  it("a tampered body or another secret fails verification", async () => {
    const { channel, monitor } = await watchedMonitor();
    const receiver = interceptFetch();
    await advanceTo(monitor.id, T0 + 60 * S);
    const [req] = receiver.captured;
    expect(() => new Webhook(channel.config.secret).verify(`${req?.body} `, req?.headers ?? {})).toThrow();
    const other = await createWebhookChannel();
    expect(() => new Webhook(other.config.secret).verify(req?.body ?? "", req?.headers ?? {})).toThrow();
  });

  it("marks a test message with test: true", async () => {
    const config = { type: "webhook", url: "https://r.example/h", secret: `whsec_${"A".repeat(32)}`, headers: {} } as const;
    expect(await requestFor(config, OPENED, context({ test: true }))).toMatchObject({ json: { test: true } });
    expect(await requestFor(config, OPENED)).not.toHaveProperty("json.test");
  });
});

const webhook = (headers: Record<string, string>) => api("POST", "/api/v1/channels", { type: "webhook", name: "n", url: HOOK, headers });

describe("webhook: custom header names and values are validated, naming the header", () => {
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

describe("webhook: masking", () => {
  it("custom header values are masked, and a masked value sent back is refused", async () => {
    const body = { type: "webhook", name: "n", url: "https://r.example/hook", headers: { authorization: "Bearer s3cret-value" } };
    const { id } = (await api("POST", "/api/v1/channels", body)).body;
    const shown = (await api("GET", `/api/v1/channels/${id}`)).body;
    expect(shown.config.headers).toEqual({ authorization: "••••" });
    const res = await api("PATCH", `/api/v1/channels/${id}`, { headers: shown.config.headers });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("headers.authorization");
  });
});

describe("webhook: permanent statuses", () => {
  it("a generic webhook that is gone (410) is rejected: the channel is marked failing", async () => {
    const result = await answeredWith("webhook", 410, "gone");
    expect(result).toMatchObject({ outcome: "rejected", statusCode: 410, error: "HTTP 410: gone", bodyExcerpt: "gone" });
  });

  it.each([400, 401])("a generic webhook's %i is retried, as any non-2xx that does not say the channel is gone", async (status) => {
    expect((await answeredWith("webhook", status, "no")).outcome).toBe("retry");
  });
});
