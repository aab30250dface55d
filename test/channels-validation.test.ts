import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { ADMIN_TOKEN, type ApiResponse, api } from "./helpers";

// Per-type validation of POST and PATCH /api/v1/channels: 400 with the offending field named.

const ROUTING_KEY = "R0123456789abcdef0123456789abcde";
const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

const valid = {
  slack: { type: "slack", name: "ops", url: "https://hooks.slack.com/services/T000/B000/XXXX" },
  discord: { type: "discord", name: "ops", url: "https://discord.com/api/webhooks/123/abc" },
  teams: { type: "teams", name: "ops", url: "https://prod-01.westus.logic.azure.com/workflows/abc?sig=x" },
  pagerduty: { type: "pagerduty", name: "on call", routing_key: ROUTING_KEY },
  opsgenie: { type: "opsgenie", name: "on call", api_key: "eb243592-faa2-4ba2-a551-1afdf565c889" },
  ntfy: { type: "ntfy", name: "phone", topic: "lubdub-alerts-x7q" },
  telegram: { type: "telegram", name: "chat", bot_token: BOT_TOKEN, chat_id: -1001234567890 },
} as const;

function expectInvalid(res: ApiResponse, path: string, message?: RegExp) {
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: "invalid_request", message: expect.stringContaining(path) });
  const detail = res.body.error.details.find((d: { path: string }) => d.path === path);
  expect(detail, JSON.stringify(res.body.error.details)).toBeDefined();
  if (message) expect(detail.message).toMatch(message);
}

describe("creation: each type's fields are checked", () => {
  it.each([
    ["slack without url", { ...valid.slack, url: undefined }, "url"],
    ["slack url not a URL", { ...valid.slack, url: "hooks.slack.com/services/x" }, "url"],
    ["slack unknown field", { ...valid.slack, channel: "#ops" }, "channel"],
    ["discord ftp url", { ...valid.discord, url: "ftp://discord.com/x" }, "url"],
    ["discord with a routing key", { ...valid.discord, routing_key: ROUTING_KEY }, "routing_key"],
    ["teams without url", { type: "teams", name: "x" }, "url"],
    ["pagerduty short routing key", { ...valid.pagerduty, routing_key: "abc" }, "routing_key"],
    ["pagerduty without routing key", { type: "pagerduty", name: "x" }, "routing_key"],
    ["pagerduty unknown severity", { ...valid.pagerduty, severity: "fatal" }, "severity"],
    ["opsgenie without api key", { type: "opsgenie", name: "x" }, "api_key"],
    ["opsgenie unknown region", { ...valid.opsgenie, region: "asia" }, "region"],
    ["opsgenie priority P6", { ...valid.opsgenie, priority: "P6" }, "priority"],
    ["ntfy topic with a space", { ...valid.ntfy, topic: "my topic" }, "topic"],
    ["ntfy without topic", { type: "ntfy", name: "x" }, "topic"],
    ["ntfy server not a URL", { ...valid.ntfy, server: "ntfy" }, "server"],
    ["ntfy malformed token", { ...valid.ntfy, token: "tk abc" }, "token"],
    ["telegram malformed bot token", { ...valid.telegram, bot_token: "hunter2" }, "bot_token"],
    ["telegram chat id that is a name", { ...valid.telegram, chat_id: "general" }, "chat_id"],
    ["telegram without chat id", { type: "telegram", name: "x", bot_token: BOT_TOKEN }, "chat_id"],
    ["an unknown type", { type: "email", name: "x", to: "a@b.c" }, "type"],
    ["a missing name", { ...valid.slack, name: "" }, "name"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("names the problem in the message of a per-type rule", async () => {
    expectInvalid(await api("POST", "/api/v1/channels", { ...valid.pagerduty, routing_key: "x" }), "routing_key", /32-character/);
    expectInvalid(await api("POST", "/api/v1/channels", { ...valid.ntfy, topic: "a/b" }), "topic", /letters, digits/);
  });

  it.each(Object.entries(valid))("accepts a valid %s channel and fills its defaults", async (type, body) => {
    const res = await api("POST", "/api/v1/channels", body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type, name: body.name, status: "ok" });
  });

  it("fills defaults: severity critical, region us, priority P1, ntfy.sh, no token, chat id as a string", async () => {
    const config = async (body: object) => (await api("POST", "/api/v1/channels", body)).body.config;
    expect(await config(valid.pagerduty)).toEqual({ routing_key: ROUTING_KEY, severity: "critical" });
    expect(await config(valid.opsgenie)).toMatchObject({ region: "us", priority: "P1" });
    expect(await config(valid.ntfy)).toEqual({ server: "https://ntfy.sh", topic: "lubdub-alerts-x7q", token: null });
    expect(await config(valid.telegram)).toEqual({ bot_token: BOT_TOKEN, chat_id: "-1001234567890" });
  });
});

describe("PATCH: same fields, all optional, type fixed", () => {
  async function created(body: object): Promise<string> {
    return (await api("POST", "/api/v1/channels", body)).body.id;
  }

  it("changes only the fields given and keeps the secret", async () => {
    const id = await created({ ...valid.opsgenie, priority: "P2" });
    const res = await api("PATCH", `/api/v1/channels/${id}`, { region: "eu" });
    expect(res.status).toBe(200);
    expect(res.body.config).toMatchObject({ region: "eu", priority: "P2", api_key: "••••c889" });
  });

  it("validates with the channel's own schema", async () => {
    const id = await created(valid.pagerduty);
    expectInvalid(await api("PATCH", `/api/v1/channels/${id}`, { severity: "P1" }), "severity");
    expectInvalid(await api("PATCH", `/api/v1/channels/${id}`, { url: "https://a.example" }), "url", /unknown field/);
  });

  it("refuses to change the type, and accepts repeating it", async () => {
    const id = await created(valid.slack);
    expectInvalid(await api("PATCH", `/api/v1/channels/${id}`, { type: "discord" }), "type", /cannot change/);
    expect((await api("PATCH", `/api/v1/channels/${id}`, { type: "slack", name: "renamed" })).body).toMatchObject({
      type: "slack",
      name: "renamed",
    });
  });

  it("null removes an ntfy token", async () => {
    const id = await created({ ...valid.ntfy, token: "tk_abcdefghijklmnopqrstuvwxyz012" });
    expect((await api("PATCH", `/api/v1/channels/${id}`, { token: null })).body.config.token).toBeNull();
  });
});

describe("https only unless ALLOW_INSECURE_WEBHOOKS", () => {
  const strictApp = createApp();
  const post = async (body: object): Promise<ApiResponse> => {
    const res = await strictApp.request(
      "http://lubdub.test/api/v1/channels",
      {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      },
      { ...env, ALLOW_INSECURE_WEBHOOKS: "false" },
    );
    return { status: res.status, body: await res.json(), headers: res.headers };
  };

  it.each([
    ["slack", { ...valid.slack, url: "http://hooks.slack.com/services/T/B/X" }, "url"],
    ["discord", { ...valid.discord, url: "http://discord.com/api/webhooks/1/a" }, "url"],
    ["teams", { ...valid.teams, url: "http://prod-01.westus.logic.azure.com/workflows/abc" }, "url"],
    ["ntfy", { ...valid.ntfy, server: "http://ntfy.local" }, "server"],
  ])("refuses a plain http %s URL", async (_, body, path) => {
    expectInvalid(await post(body), path, /must be https/);
  });

  it("accepts https, and types whose URL is the provider's own", async () => {
    expect((await post(valid.slack)).status).toBe(201);
    expect((await post(valid.pagerduty)).status).toBe(201);
    expect((await post(valid.telegram)).status).toBe(201);
  });

  it("allows plain http when the deployment opts in (as the tests do)", async () => {
    expect((await api("POST", "/api/v1/channels", { ...valid.ntfy, server: "http://127.0.0.1:8080" })).status).toBe(201);
  });
});
