import { describe, expect, it } from "vitest";
import { api } from "../../helpers";
import {
  ALERT_ID,
  answeredWith,
  CLOSE_TEXT,
  CLOSED,
  describeMasking,
  expectInvalid,
  JSON_HEADERS,
  MONITOR_URL,
  OPEN_TEXT,
  OPENED,
  postInProduction,
  requestFor,
} from "../fixtures";

// The splunk_oncall kind (src/channels/kinds/splunk-oncall.ts): the alert id is the entity_id, so RECOVERY resolves the incident CRITICAL opened.

const API_KEY = "5b6a9c2e-0f3d-4a71-9e8b-2c4d6f8a0b1c";
const valid = { type: "splunk_oncall", name: "on call", api_key: API_KEY, routing_key: "database" } as const;
const URL = `https://alert.victorops.com/integrations/generic/20131114/alert/${API_KEY}/database`;
const OPENED_AT = Date.parse(OPENED.alert.opened_at) / 1000;

describe("splunk_oncall: the request (REST endpoint)", () => {
  const config = { type: "splunk_oncall", api_key: API_KEY, routing_key: "database" } as const;

  // Splunk's documented fields: message_type (CRITICAL triggers, RECOVERY resolves), entity_id (the incident's
  // identity), entity_display_name, state_message, state_start_time (Unix seconds), monitoring_tool; JSON POST
  // to …/alert/<api key>/<routing key>.
  it("open: CRITICAL with entity_id = alert id, to the URL with the key and the routing key", async () => {
    const req = await requestFor(config, OPENED);
    expect(req).toMatchObject({ url: URL, method: "POST" });
    expect(req.headers).toEqual(JSON_HEADERS);
    expect(req.json).toEqual({
      message_type: "CRITICAL",
      entity_id: ALERT_ID,
      entity_display_name: "db <backup> & co is DOWN",
      state_message: `${OPEN_TEXT}\n\nNightly dump\nTags: backup, prod\n\n${MONITOR_URL}`,
      state_start_time: OPENED_AT,
      monitoring_tool: "lubdub",
    });
  });

  it("close: RECOVERY with the same entity_id, from the time it closed", async () => {
    const req = await requestFor(config, CLOSED);
    expect(req).toMatchObject({ url: URL, method: "POST", headers: JSON_HEADERS });
    expect(req.json).toEqual({
      message_type: "RECOVERY",
      entity_id: ALERT_ID,
      entity_display_name: "db <backup> & co is UP",
      state_message: `${CLOSE_TEXT}\n\n${MONITOR_URL}`,
      state_start_time: Date.parse(CLOSED.occurred_at) / 1000,
      monitoring_tool: "lubdub",
    });
  });

  it("escapes a routing key's characters in the path", async () => {
    const req = await requestFor({ ...config, routing_key: "team.ops_1" }, OPENED);
    expect(req.url).toBe(`https://alert.victorops.com/integrations/generic/20131114/alert/${API_KEY}/team.ops_1`);
  });
});

describe("splunk_oncall: validation", () => {
  it.each([
    ["without api key", { type: "splunk_oncall", name: "x", routing_key: "db" }, "api_key"],
    ["without routing key", { type: "splunk_oncall", name: "x", api_key: API_KEY }, "routing_key"],
    ["the placeholder routing key", { ...valid, routing_key: "$routing_key" }, "routing_key"],
    ["a routing key with a slash", { ...valid, routing_key: "a/b" }, "routing_key"],
    ["a whole URL as api key", { ...valid, api_key: URL }, "api_key"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("accepts a valid channel, in production too", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status).toBe(201);
    expect(res.body.config).toEqual({ api_key: API_KEY, routing_key: "database" });
    expect((await postInProduction(valid)).status).toBe(201);
  });
});

describeMasking({ type: "splunk_oncall", api_key: API_KEY, routing_key: "db" }, { api_key: "••••0b1c", routing_key: "db" }, ["api_key"]);

describe("splunk_oncall: permanent statuses", () => {
  it.each([400, 401, 403, 404])("%i (bad body or REST endpoint key) is rejected: the channel is marked failing", async (status) => {
    expect(await answeredWith("splunk_oncall", status, '{"result":"failure"}')).toMatchObject({ outcome: "rejected", statusCode: status });
  });

  it.each([429, 500])("%i is retried", async (status) => {
    expect(await answeredWith("splunk_oncall", status, "{}")).toMatchObject({ outcome: "retry", statusCode: status });
  });
});
