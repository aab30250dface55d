import { describe, expect, it } from "vitest";
import { api } from "../../helpers";
import {
  ALERT_DETAILS,
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
  OPSGENIE_KEY,
  requestFor,
} from "../fixtures";

// The opsgenie kind (src/channels/kinds/opsgenie.ts): the alert id is the alias, so a close finds its open.

const valid = { type: "opsgenie", name: "on call", api_key: OPSGENIE_KEY } as const;

const details = ALERT_DETAILS;

describe("opsgenie: the request (Alert API v2)", () => {
  const opsgenie = { type: "opsgenie", api_key: OPSGENIE_KEY, region: "us", priority: "P1" } as const;
  const auth = { ...JSON_HEADERS, authorization: `GenieKey ${OPSGENIE_KEY}` };

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

describe("opsgenie: validation", () => {
  it.each([
    ["opsgenie without api key", { type: "opsgenie", name: "x" }, "api_key"],
    ["opsgenie unknown region", { ...valid, region: "asia" }, "region"],
    ["opsgenie priority P6", { ...valid, priority: "P6" }, "priority"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("accepts a valid opsgenie channel and fills its defaults: region us, priority P1", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: "opsgenie", name: valid.name, status: "ok" });
    expect(res.body.config).toMatchObject({ region: "us", priority: "P1" });
  });

  it("PATCH changes only the fields given and keeps the secret", async () => {
    const { id } = (await api("POST", "/api/v1/channels", { ...valid, priority: "P2" })).body;
    const res = await api("PATCH", `/api/v1/channels/${id}`, { region: "eu" });
    expect(res.status).toBe(200);
    expect(res.body.config).toMatchObject({ region: "eu", priority: "P2", api_key: "••••c889" });
  });
});

describeMasking({ type: "opsgenie", api_key: OPSGENIE_KEY, region: "eu" }, { api_key: "••••c889", region: "eu", priority: "P1" }, [
  "api_key",
]);

describe("opsgenie: permanent statuses", () => {
  it("Opsgenie bad key (401) is rejected: the channel is marked failing", async () => {
    const body = '{"message":"Key format is not valid!"}';
    const result = await answeredWith("opsgenie", 401, body);
    expect(result).toMatchObject({ outcome: "rejected", statusCode: 401, error: `HTTP 401: ${body}`, bodyExcerpt: body });
  });
});
