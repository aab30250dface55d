import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import { testAlertEvent } from "../../src/channels/test-event";
import { ADMIN_TOKEN, api, interceptFetch } from "../helpers";

// The test message (src/channels/test-event.ts) and POST /api/v1/channels/:id/test: one clearly marked
// message, the receiver's verdict reported as 200.

afterEach(() => vi.restoreAllMocks());

const SLACK_URL = "https://hooks.slack.com/services/T000/B000/XXXX";

async function channel(body: Record<string, unknown>): Promise<string> {
  const res = await api("POST", "/api/v1/channels", { name: "ops", ...body });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.id;
}

/** The app with other bindings, for the settings the test pool fixes (PUBLIC_BASE_URL, ALLOW_INSECURE_WEBHOOKS). */
async function testWith(id: string, bindings: Partial<Env>) {
  const res = await createApp().request(
    `http://lubdub.test/api/v1/channels/${id}/test`,
    { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
    { ...env, ...bindings },
  );
  return { status: res.status, body: (await res.json()) as { ok: boolean; [key: string]: unknown } };
}

describe("the test event", () => {
  it("uses fresh ids, so a paging tool opens a new incident each time", () => {
    const [a, b] = [testAlertEvent(0), testAlertEvent(0)];
    expect(a.alert.id).not.toBe(b.alert.id);
    expect(a.type).toBe("alert.opened");
  });
});

describe("channel test endpoint", () => {
  it("sends one [TEST] message and reports the receiver's answer", async () => {
    const receiver = interceptFetch(() => new Response("ok", { status: 200 }));
    const id = await channel({ type: "slack", url: SLACK_URL });
    const res = await api("POST", `/api/v1/channels/${id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, status_code: 200, error: null, body_excerpt: "ok" });
    expect(receiver.captured).toHaveLength(1);
    expect(receiver.captured[0]?.url).toBe(SLACK_URL);
    const body = JSON.parse(receiver.captured[0]?.body ?? "");
    expect(body.text).toMatch(/^\[TEST\] lubdub test is DOWN: no ping since .+, expected every 5m$/);
    expect(body.attachments[0].color).toBe("#dd3333");
  });

  it("a refusal is a 200 with ok false, status and body excerpt, and does not mark the channel failing", async () => {
    interceptFetch(() => new Response("no_service", { status: 404 }));
    const id = await channel({ type: "slack", url: SLACK_URL });
    const res = await api("POST", `/api/v1/channels/${id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: false, status_code: 404, error: "HTTP 404: no_service", body_excerpt: "no_service" });
    expect((await api("GET", `/api/v1/channels/${id}`)).body.status).toBe("ok");
  });

  it("a network error is a 200 with no status code", async () => {
    interceptFetch(() => {
      throw new TypeError("connection refused");
    });
    const id = await channel({ type: "discord", url: "https://discord.com/api/webhooks/1/a" });
    const res = await api("POST", `/api/v1/channels/${id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: false, status_code: null, error: "network error: connection refused", body_excerpt: "" });
  });

  it("keeps long receiver bodies to an excerpt", async () => {
    interceptFetch(() => new Response("x".repeat(2000), { status: 500 }));
    const id = await channel({ type: "teams", url: "https://prod-01.westus.logic.azure.com/workflows/abc" });
    const res = await api("POST", `/api/v1/channels/${id}/test`);
    expect(res.body).toMatchObject({ ok: false, status_code: 500, error: `HTTP 500: ${"x".repeat(119)}…` });
    expect(res.body.body_excerpt).toBe(`${"x".repeat(199)}…`);
  });

  it("pages for real through PagerDuty, marked as a test, with a fresh dedup key", async () => {
    const receiver = interceptFetch(() => Response.json({ status: "success" }, { status: 202 }));
    const id = await channel({ type: "pagerduty", routing_key: "R0123456789abcdef0123456789abcde" });
    expect((await api("POST", `/api/v1/channels/${id}/test`)).body.ok).toBe(true);
    await api("POST", `/api/v1/channels/${id}/test`);
    const [first, second] = receiver.captured.map((r) => JSON.parse(r.body));
    expect(receiver.captured[0]?.url).toBe("https://events.pagerduty.com/v2/enqueue");
    expect(first).toMatchObject({
      event_action: "trigger",
      payload: { summary: expect.stringMatching(/^\[TEST\] /), severity: "critical" },
    });
    expect(first.dedup_key).not.toBe(second.dedup_key);
  });

  it("the generic webhook gets a signed event with test: true", async () => {
    const receiver = interceptFetch(() => new Response(null, { status: 204 }));
    const id = await channel({ type: "webhook", url: "https://receiver.example/hook" });
    expect((await api("POST", `/api/v1/channels/${id}/test`)).body).toMatchObject({ ok: true, status_code: 204 });
    const [req] = receiver.captured;
    expect(JSON.parse(req?.body ?? "")).toMatchObject({ type: "alert.opened", test: true, monitor: { name: "lubdub test" } });
    expect(req?.headers["webhook-signature"]).toMatch(/^v1,/);
  });

  it("links to lubdub when PUBLIC_BASE_URL is set", async () => {
    const receiver = interceptFetch();
    const id = await channel({ type: "slack", url: SLACK_URL });
    expect((await testWith(id, { PUBLIC_BASE_URL: "https://lubdub.example.com" })).body.ok).toBe(true);
    const body = JSON.parse(receiver.captured[0]?.body ?? "");
    expect(body.blocks[1]).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "<https://lubdub.example.com|Open lubdub>" }] });
  });

  it("does not call a plain http URL when the deployment refuses them", async () => {
    const receiver = interceptFetch();
    const id = await channel({ type: "ntfy", server: "http://127.0.0.1:9999", topic: "t" });
    const res = await testWith(id, { ALLOW_INSECURE_WEBHOOKS: "false" });
    expect(res).toEqual({
      status: 200,
      body: {
        ok: false,
        status_code: null,
        error: "not sent: the URL must be https (plain http is allowed only when ALLOW_INSECURE_WEBHOOKS is on)",
        body_excerpt: "",
      },
    });
    expect(receiver.captured).toHaveLength(0);
  });

  it("404s for an unknown channel", async () => {
    const res = await api("POST", "/api/v1/channels/chn_aaaaaaaaaaaaaaaaaaaaaaaaaa/test");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});
