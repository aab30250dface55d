import { describe, expect, it } from "vitest";
import { maskToken, maskUrl } from "../src/channels/masks";
import { api } from "./helpers";

// Secrets are shown once, in the creation response, and masked on every read after it.

const ROUTING_KEY = "R0123456789abcdef0123456789abcde";
const API_KEY = "eb243592-faa2-4ba2-a551-1afdf565c889";
const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const NTFY_TOKEN = "tk_abcdefghijklmnopqrstuvwxyz012";

const cases = [
  {
    body: { type: "slack", url: "https://hooks.slack.com/services/T000/B000/XXXXsecret" },
    masked: { url: "https://hooks.slack.com/••••" },
  },
  {
    body: { type: "discord", url: "https://discord.com/api/webhooks/123/tokensecret" },
    masked: { url: "https://discord.com/••••" },
  },
  {
    body: { type: "teams", url: "https://prod-01.westus.logic.azure.com:443/workflows/abc/invoke?sig=sigsecret" },
    masked: { url: "https://prod-01.westus.logic.azure.com/••••" },
  },
  {
    body: { type: "pagerduty", routing_key: ROUTING_KEY, severity: "error" },
    masked: { routing_key: "••••bcde", severity: "error" },
  },
  {
    body: { type: "opsgenie", api_key: API_KEY, region: "eu" },
    masked: { api_key: "••••c889", region: "eu", priority: "P1" },
  },
  {
    body: { type: "ntfy", server: "https://ntfy.example.com", topic: "alerts", token: NTFY_TOKEN },
    masked: { server: "https://ntfy.example.com", topic: "alerts", token: "••••z012" },
  },
  {
    body: { type: "telegram", bot_token: BOT_TOKEN, chat_id: "@lubdub_alerts" },
    masked: { bot_token: "••••Dsaw", chat_id: "@lubdub_alerts" },
  },
] as const;

const SECRET_KEYS = ["url", "routing_key", "api_key", "token", "bot_token"];

/** Every string value of the creation body that is a secret must not appear anywhere in a later read. */
const secretsOf = (body: Record<string, unknown>) =>
  Object.entries(body)
    .filter(([key]) => SECRET_KEYS.includes(key))
    .map(([, value]) => String(value));

describe.each(cases)("$body.type", ({ body, masked }) => {
  it("creation shows the configuration in full, once", async () => {
    const res = await api("POST", "/api/v1/channels", { name: "n", ...body });
    expect(res.status).toBe(201);
    const { type: _, ...config } = body;
    expect(res.body.config).toMatchObject(config);
  });

  it("GET, the list and PATCH responses mask the secrets", async () => {
    const { id } = (await api("POST", "/api/v1/channels", { name: "n", ...body })).body;
    const one = (await api("GET", `/api/v1/channels/${id}`)).body;
    const list = (await api("GET", "/api/v1/channels?limit=100")).body.data.find((c: { id: string }) => c.id === id);
    const patched = (await api("PATCH", `/api/v1/channels/${id}`, { name: "renamed" })).body;
    for (const shown of [one, list, patched]) {
      expect(shown.config).toEqual(masked);
      for (const secret of secretsOf(body)) expect(JSON.stringify(shown)).not.toContain(secret);
    }
  });

  it("a masked configuration sent back is refused rather than stored", async () => {
    const { id } = (await api("POST", "/api/v1/channels", { name: "n", ...body })).body;
    const res = await api("PATCH", `/api/v1/channels/${id}`, masked);
    expect(res.status).toBe(400);
    const secretField = Object.keys(masked).find((key) => SECRET_KEYS.includes(key));
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(secretField);
  });
});

describe("webhook", () => {
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

describe("mask helpers", () => {
  it("keep scheme and host of a URL, nothing of its path or query", () => {
    expect(maskUrl("https://hooks.slack.com/services/T/B/secret?x=1")).toBe("https://hooks.slack.com/••••");
    expect(maskUrl("http://127.0.0.1:9999/hook")).toBe("http://127.0.0.1:9999/••••");
    expect(maskUrl("not a url")).toBe("••••");
  });

  it("show at most the last 4 characters of a token, and nothing of a short one", () => {
    expect(maskToken(ROUTING_KEY)).toBe("••••bcde");
    expect(maskToken("short-token")).toBe("••••");
  });
});
