import { describe, expect, it } from "vitest";
import { advanceTo, api, interceptFetch, ping, S, setNow, settle, T0, useFakeClock } from "../../helpers";
import {
  ALERT_DETAILS,
  ALERT_ID,
  answeredWith,
  CLOSED,
  context,
  describeMasking,
  expectInvalid,
  JSON_HEADERS,
  MONITOR_URL,
  OPEN_TEXT,
  OPENED,
  postInProduction,
  ROUTING_KEY,
  requestFor,
  watched,
} from "../fixtures";

// The pagerduty kind (src/channels/kinds/pagerduty.ts): the alert id is the deduplication key, so a close finds its open.

const valid = { type: "pagerduty", name: "on call", routing_key: ROUTING_KEY } as const;

const details = ALERT_DETAILS;

describe("pagerduty: the request (Events API v2)", () => {
  const pagerduty = { type: "pagerduty", routing_key: ROUTING_KEY, severity: "critical" } as const;

  it("open: trigger with dedup_key = alert id, payload and link", async () => {
    const req = await requestFor(pagerduty, OPENED);
    expect(req).toMatchObject({ url: "https://events.pagerduty.com/v2/enqueue", method: "POST", headers: JSON_HEADERS });
    expect(req.json).toEqual({
      routing_key: ROUTING_KEY,
      dedup_key: ALERT_ID,
      event_action: "trigger",
      payload: { summary: OPEN_TEXT, source: "lubdub", severity: "critical", timestamp: OPENED.occurred_at, custom_details: details },
      links: [{ href: MONITOR_URL, text: "Open db <backup> & co in lubdub" }],
    });
  });

  it("uses the configured severity and omits links without a public base URL", async () => {
    const req = await requestFor({ ...pagerduty, severity: "warning" }, OPENED, context({ publicBaseUrl: null }));
    expect(req.json).toMatchObject({ payload: { severity: "warning" } });
    expect(req.json).not.toHaveProperty("links");
  });

  it("close: resolve with only routing_key, event_action and the same dedup_key", async () => {
    const req = await requestFor(pagerduty, CLOSED);
    expect(req).toMatchObject({ url: "https://events.pagerduty.com/v2/enqueue", method: "POST", headers: JSON_HEADERS });
    expect(req.json).toEqual({ routing_key: ROUTING_KEY, dedup_key: ALERT_ID, event_action: "resolve" });
  });
});

describe("pagerduty: validation", () => {
  it.each([
    ["pagerduty short routing key", { ...valid, routing_key: "abc" }, "routing_key"],
    ["pagerduty without routing key", { type: "pagerduty", name: "x" }, "routing_key"],
    ["pagerduty unknown severity", { ...valid, severity: "fatal" }, "severity"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("names the problem in the message of its rule", async () => {
    expectInvalid(await api("POST", "/api/v1/channels", { ...valid, routing_key: "x" }), "routing_key", /32-character/);
  });

  it("accepts a valid pagerduty channel and fills its default: severity critical", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: "pagerduty", name: valid.name, status: "ok" });
    expect(res.body.config).toEqual({ routing_key: ROUTING_KEY, severity: "critical" });
  });

  it("PATCH validates with the channel's own schema", async () => {
    const { id } = (await api("POST", "/api/v1/channels", valid)).body;
    expectInvalid(await api("PATCH", `/api/v1/channels/${id}`, { severity: "P1" }), "severity");
    expectInvalid(await api("PATCH", `/api/v1/channels/${id}`, { url: "https://a.example" }), "url", /unknown field/);
  });

  it("is accepted in production: its URL is the provider's own", async () => {
    expect((await postInProduction(valid)).status).toBe(201);
  });
});

describeMasking({ type: "pagerduty", routing_key: ROUTING_KEY, severity: "error" }, { routing_key: "••••bcde", severity: "error" }, [
  "routing_key",
]);

describe("pagerduty: permanent statuses", () => {
  it("PagerDuty invalid routing key (400) is rejected: the channel is marked failing", async () => {
    const body = '{"status":"invalid event","message":"Event object is invalid","errors":["Invalid routing key"]}';
    const result = await answeredWith("pagerduty", 400, body);
    expect(result).toMatchObject({ outcome: "rejected", statusCode: 400, error: `HTTP 400: ${body}`, bodyExcerpt: body });
  });
});

describe("pagerduty: on a monitor", () => {
  useFakeClock(T0);

  it("triggers and resolves the same incident", async () => {
    const { monitor } = await watched({ type: "pagerduty", routing_key: ROUTING_KEY });
    const receiver = interceptFetch(() => Response.json({ status: "success" }, { status: 202 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    setNow(T0 + 100 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    const [trigger, resolve] = receiver.captured.map((r) => JSON.parse(r.body));
    const [alert] = (await api("GET", `/api/v1/monitors/${monitor.id}/alerts`)).body.data;
    expect(trigger).toMatchObject({ event_action: "trigger", dedup_key: alert.id });
    expect(resolve).toEqual({ routing_key: ROUTING_KEY, event_action: "resolve", dedup_key: alert.id });
  });

  it("a 400 (invalid routing key) is not retried and marks the channel failing", async () => {
    const { channel, monitor } = await watched({ type: "pagerduty", routing_key: ROUTING_KEY });
    const receiver = interceptFetch(() => Response.json({ status: "invalid event", errors: ["Invalid routing key"] }, { status: 400 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    await advanceTo(monitor.id, T0 + 24 * 3600 * S);
    expect(receiver.captured).toHaveLength(1);
    expect((await api("GET", `/api/v1/channels/${channel.id}`)).body).toMatchObject({
      status: "failing",
      failing_reason: expect.stringMatching(/^HTTP 400: .*Invalid routing key/),
    });
  });
});
