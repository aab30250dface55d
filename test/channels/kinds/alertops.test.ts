import { describe, expect, it } from "vitest";
import { api } from "../../helpers";
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
} from "../fixtures";

// The alertops kind (src/channels/kinds/alertops.ts): source_id = alert id and source_status open/close, so
// the integration's rules open and close the same AlertOps alert.

const API_KEY = "c8490f30-1492-4c85-8833-e1c8f10cd2a7";
const valid = { type: "alertops", name: "on call", api_key: API_KEY, integration: "lubdub" } as const;
const URL = `https://notify.alertops.com/POSTAlert/${API_KEY}/lubdub`;

describe("alertops: the request (inbound API integration)", () => {
  const config = { type: "alertops", api_key: API_KEY, integration: "lubdub" } as const;
  const CLOSED_DETAILS = { ...ALERT_DETAILS, closed_at: CLOSED.alert.closed_at, last_ping_at: CLOSED.monitor.last_ping_at };

  // AlertOps' integration URL https://notify.alertops.com/POSTAlert/<api key>/<integration>, a JSON POST whose
  // source_id and source_status (open, close) its "Rules for Opening and Closing an Alert" read.
  it("open: source_status open, source_id = alert id", async () => {
    const req = await requestFor(config, OPENED);
    expect(req).toMatchObject({ url: URL, method: "POST" });
    expect(req.headers).toEqual(JSON_HEADERS);
    expect(req.json).toEqual({
      source: "lubdub",
      source_id: ALERT_ID,
      source_status: "open",
      source_name: "db <backup> & co",
      subject: "db <backup> & co is DOWN",
      description: `${OPEN_TEXT}\n\nNightly dump\nTags: backup, prod`,
      source_url: MONITOR_URL,
      details: ALERT_DETAILS,
    });
  });

  it("close: the same fields, source_status close", async () => {
    const req = await requestFor(config, CLOSED, context({ publicBaseUrl: null }));
    expect(req).toMatchObject({ url: URL, method: "POST", headers: JSON_HEADERS });
    expect(req.json).toEqual({
      source: "lubdub",
      source_id: ALERT_ID,
      source_status: "close",
      source_name: "db <backup> & co",
      subject: "db <backup> & co is UP",
      description: `${CLOSE_TEXT}\n\nNightly dump\nTags: backup, prod`,
      source_url: "",
      details: CLOSED_DETAILS,
    });
  });

  it("escapes the integration's name in the URL", async () => {
    const req = await requestFor({ ...config, integration: "ABC Monitoring" }, OPENED);
    expect(req.url).toBe(`https://notify.alertops.com/POSTAlert/${API_KEY}/ABC%20Monitoring`);
  });
});

describe("alertops: validation", () => {
  it.each([
    ["without api key", { type: "alertops", name: "x", integration: "lubdub" }, "api_key"],
    ["without integration", { type: "alertops", name: "x", api_key: API_KEY }, "integration"],
    ["an integration with a slash", { ...valid, integration: "a/b" }, "integration"],
    ["a whole URL as api key", { ...valid, api_key: URL }, "api_key"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("accepts a valid channel, in production too", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status).toBe(201);
    expect(res.body.config).toEqual({ api_key: API_KEY, integration: "lubdub" });
    expect((await postInProduction(valid)).status).toBe(201);
  });
});

describeMasking({ type: "alertops", api_key: API_KEY, integration: "lubdub" }, { api_key: "••••d2a7", integration: "lubdub" }, ["api_key"]);

describe("alertops: permanent statuses", () => {
  it.each([401, 403, 404])("%i (key refused, no such integration) is rejected: the channel is marked failing", async (status) => {
    expect(await answeredWith("alertops", status, "{}")).toMatchObject({ outcome: "rejected", statusCode: status });
  });

  it.each([400, 429, 500])("%i is retried", async (status) => {
    expect(await answeredWith("alertops", status, "{}")).toMatchObject({ outcome: "retry", statusCode: status });
  });
});
