import { describe, expect, it } from "vitest";
import { advanceTo, api, interceptFetch, ping, S, setNow, settle, T0, useFakeClock } from "../../helpers";
import {
  ALERT_DETAILS,
  ALERT_ID,
  answeredWith,
  CLOSE_TEXT,
  CLOSED,
  context,
  describeMasking,
  expectInvalid,
  JSON_HEADERS,
  MONITOR_URL,
  OPEN_TEXT,
  OPENED,
  postInProduction,
  requestFor,
  watched,
} from "../fixtures";

// The ilert kind (src/channels/kinds/ilert.ts): the alert id is the alertKey, so lubdub's close resolves ilert's alert.

const KEY = "il1api0460d849fcdc753d4f9a1b2c3d";
const valid = { type: "ilert", name: "on call", integration_key: KEY } as const;
const EVENTS_URL = "https://api.ilert.com/api/events";

describe("ilert: the request (Events API)", () => {
  const ilert = { type: "ilert", integration_key: KEY, priority: "HIGH" } as const;

  // ilert's documented example: {"integrationKey": "il...", "eventType": "ALERT", "summary": ..., "details": ...,
  // "alertKey": ..., "priority": "HIGH", "links": [{"href", "text"}], "customDetails": {...}}, POST, JSON.
  it("open: ALERT with alertKey = alert id, details, priority, link and custom details", async () => {
    const req = await requestFor(ilert, OPENED);
    expect(req).toMatchObject({ url: EVENTS_URL, method: "POST" });
    expect(req.headers).toEqual(JSON_HEADERS);
    expect(req.json).toEqual({
      integrationKey: KEY,
      alertKey: ALERT_ID,
      summary: OPEN_TEXT,
      eventType: "ALERT",
      details: `${OPEN_TEXT}\n\nNightly dump\nTags: backup, prod`,
      priority: "HIGH",
      customDetails: ALERT_DETAILS,
      links: [{ href: MONITOR_URL, text: "Open db <backup> & co in lubdub" }],
    });
  });

  it("close: RESOLVE with the same alertKey and the closing sentence as its summary", async () => {
    const req = await requestFor(ilert, CLOSED);
    expect(req).toMatchObject({ url: EVENTS_URL, method: "POST", headers: JSON_HEADERS });
    expect(req.json).toEqual({ integrationKey: KEY, alertKey: ALERT_ID, summary: CLOSE_TEXT, eventType: "RESOLVE" });
  });

  it("uses the configured priority, omits links without a public base URL, keeps the summary to 255", async () => {
    const long = { ...OPENED, monitor: { ...OPENED.monitor, name: "x".repeat(300) } };
    const req = await requestFor({ ...ilert, priority: "LOW" }, long, context({ publicBaseUrl: null }));
    const body = req.json as { priority: string; summary: string };
    expect(body.priority).toBe("LOW");
    expect(body.summary).toHaveLength(255);
    expect(req.json).not.toHaveProperty("links");
  });
});

describe("ilert: validation", () => {
  it.each([
    ["without integration key", { type: "ilert", name: "x" }, "integration_key"],
    ["a key that is not an integration key", { ...valid, integration_key: "Bearer abc" }, "integration_key"],
    ["an unknown priority", { ...valid, priority: "P1" }, "priority"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("accepts a valid channel, in production too, and fills its default: priority HIGH", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status).toBe(201);
    expect(res.body.config).toEqual({ integration_key: KEY, priority: "HIGH" });
    expect((await postInProduction(valid)).status).toBe(201);
  });
});

describeMasking({ type: "ilert", integration_key: KEY, priority: "LOW" }, { integration_key: "••••2c3d", priority: "LOW" }, [
  "integration_key",
]);

describe("ilert: permanent statuses", () => {
  it.each([400, 401, 403, 404])(
    "%i (bad event, unknown key or alert source) is rejected: the channel is marked failing",
    async (status) => {
      expect(await answeredWith("ilert", status, "{}")).toMatchObject({ outcome: "rejected", statusCode: status });
    },
  );

  it.each([429, 500, 503])("%i is retried", async (status) => {
    expect(await answeredWith("ilert", status, "{}")).toMatchObject({ outcome: "retry", statusCode: status });
  });
});

describe("ilert: on a monitor", () => {
  useFakeClock(T0);

  it("raises and resolves the same ilert alert", async () => {
    const { monitor } = await watched({ type: "ilert", integration_key: KEY });
    const receiver = interceptFetch(() => new Response(null, { status: 202 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    setNow(T0 + 100 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    const [raised, resolved] = receiver.captured.map((r) => JSON.parse(r.body));
    const [alert] = (await api("GET", `/api/v1/monitors/${monitor.id}/alerts`)).body.data;
    expect(receiver.captured.map((r) => r.url)).toEqual([EVENTS_URL, EVENTS_URL]);
    expect(raised).toMatchObject({ eventType: "ALERT", alertKey: alert.id });
    expect(resolved).toMatchObject({ eventType: "RESOLVE", alertKey: alert.id });
  });
});
