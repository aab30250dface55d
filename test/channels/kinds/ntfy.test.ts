import { describe, expect, it } from "vitest";
import { api } from "../../helpers";
import {
  CLOSE_TEXT,
  CLOSED,
  context,
  describeMasking,
  expectInvalid,
  JSON_HEADERS,
  MONITOR_URL,
  NTFY_TOKEN,
  OPEN_TEXT,
  OPENED,
  postInProduction,
  requestFor,
} from "../fixtures";

// The ntfy kind (src/channels/kinds/ntfy.ts): its exact request, its input, its masking.

const valid = { type: "ntfy", name: "phone", topic: "lubdub-alerts-x7q" } as const;

describe("ntfy: the request (publish as JSON to the server root)", () => {
  const ntfy = { type: "ntfy", server: "https://ntfy.example.com/", topic: "ops-alerts", token: NTFY_TOKEN } as const;

  it("open: priority 5, bearer token, click link", async () => {
    const req = await requestFor(ntfy, OPENED);
    expect(req).toMatchObject({
      url: "https://ntfy.example.com/",
      method: "POST",
      headers: { ...JSON_HEADERS, authorization: `Bearer ${NTFY_TOKEN}` },
    });
    expect(req.json).toEqual({
      topic: "ops-alerts",
      title: "db <backup> & co is DOWN",
      message: `${OPEN_TEXT}\nNightly dump\nTags: backup, prod`,
      priority: 5,
      tags: ["rotating_light", "backup", "prod"],
      click: MONITOR_URL,
    });
  });

  it("close: priority 3; no authorization header without a token", async () => {
    const req = await requestFor({ ...ntfy, server: "https://ntfy.sh", token: null }, CLOSED, context({ publicBaseUrl: null }));
    expect(req.url).toBe("https://ntfy.sh/");
    expect(req.headers).toEqual(JSON_HEADERS);
    expect(req.json).toEqual({
      topic: "ops-alerts",
      title: "db <backup> & co is UP",
      message: `${CLOSE_TEXT}\nNightly dump\nTags: backup, prod`,
      priority: 3,
      tags: ["white_check_mark", "backup", "prod"],
    });
  });
});

describe("ntfy: validation", () => {
  it.each([
    ["ntfy topic with a space", { ...valid, topic: "my topic" }, "topic"],
    ["ntfy without topic", { type: "ntfy", name: "x" }, "topic"],
    ["ntfy server not a URL", { ...valid, server: "ntfy" }, "server"],
    ["ntfy malformed token", { ...valid, token: "tk abc" }, "token"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("names the problem in the message of its rule", async () => {
    expectInvalid(await api("POST", "/api/v1/channels", { ...valid, topic: "a/b" }), "topic", /letters, digits/);
  });

  it("accepts a valid ntfy channel and fills its defaults: ntfy.sh, no token", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: "ntfy", name: valid.name, status: "ok" });
    expect(res.body.config).toEqual({ server: "https://ntfy.sh", topic: "lubdub-alerts-x7q", token: null });
  });

  it("null removes its token", async () => {
    const { id } = (await api("POST", "/api/v1/channels", { ...valid, token: NTFY_TOKEN })).body;
    expect((await api("PATCH", `/api/v1/channels/${id}`, { token: null })).body.config.token).toBeNull();
  });

  it("refuses a plain http server in production", async () => {
    expectInvalid(await postInProduction({ ...valid, server: "http://ntfy.local" }), "server", /must be https/);
  });

  it("allows a plain http server when the deployment opts in (as the tests do)", async () => {
    expect((await api("POST", "/api/v1/channels", { ...valid, server: "http://127.0.0.1:8080" })).status).toBe(201);
  });
});

describeMasking(
  { type: "ntfy", server: "https://ntfy.example.com", topic: "alerts", token: NTFY_TOKEN },
  { server: "https://ntfy.example.com", topic: "alerts", token: "••••z012" },
  ["token"],
);
