import { describe, expect, it } from "vitest";
import { ALERT_ID, CLOSE_TEXT, CLOSED, context, MONITOR_ID, MONITOR_URL, OPEN_TEXT, OPENED, requestFor } from "./channels-fixtures";

// PagerDuty and Opsgenie: the alert id is the deduplication key, so a close finds its open.

const JSON_HEADERS = { "content-type": "application/json", "user-agent": "lubdub/1" };
const ROUTING_KEY = "R0123456789abcdef0123456789abcde";
const API_KEY = "eb243592-faa2-4ba2-a551-1afdf565c889";

const details = {
  monitor_id: MONITOR_ID,
  monitor: "db <backup> & co",
  alert_id: ALERT_ID,
  opened_at: OPENED.alert.opened_at,
  last_ping_at: OPENED.monitor.last_ping_at,
  expected: "every 1m",
  summary: "Nightly dump",
  // The monitor's tags (added with tags): a comma-separated string, as Opsgenie's details take strings only.
  tags: "backup, prod",
};

describe("pagerduty (Events API v2)", () => {
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

describe("opsgenie (Alert API v2)", () => {
  const opsgenie = { type: "opsgenie", api_key: API_KEY, region: "us", priority: "P1" } as const;
  const auth = { ...JSON_HEADERS, authorization: `GenieKey ${API_KEY}` };

  it("open: create alert with alias = alert id and GenieKey auth", async () => {
    const req = await requestFor(opsgenie, OPENED);
    expect(req).toMatchObject({ url: "https://api.opsgenie.com/v2/alerts", method: "POST" });
    expect(req.headers).toEqual(auth);
    expect(req.json).toEqual({
      message: OPEN_TEXT,
      alias: ALERT_ID,
      description: `${OPEN_TEXT}\n\nNightly dump\nTags: backup, prod\n\n${MONITOR_URL}`,
      priority: "P1",
      source: "lubdub",
      details,
      tags: ["backup", "prod"],
    });
  });

  it("close: by alias, on the EU endpoint when configured", async () => {
    const req = await requestFor({ ...opsgenie, region: "eu", priority: "P3" }, CLOSED);
    expect(req.url).toBe(`https://api.eu.opsgenie.com/v2/alerts/${ALERT_ID}/close?identifierType=alias`);
    expect(req.headers).toEqual(auth);
    expect(req.json).toEqual({ source: "lubdub", note: CLOSE_TEXT });
  });

  it("keeps the message within Opsgenie's 130 characters", async () => {
    const long = { ...OPENED, monitor: { ...OPENED.monitor, name: "x".repeat(200) } };
    const req = await requestFor({ ...opsgenie, region: "eu", priority: "P5" }, long);
    const body = req.json as { message: string; priority: string };
    expect(req.url).toBe("https://api.eu.opsgenie.com/v2/alerts");
    expect(body.priority).toBe("P5");
    expect(body.message).toHaveLength(130);
    expect(body.message.endsWith("…")).toBe(true);
  });
});
