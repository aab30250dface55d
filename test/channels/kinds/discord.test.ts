import { describe, expect, it } from "vitest";
import { api } from "../../helpers";
import {
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
  ROUTING_KEY,
  requestFor,
} from "../fixtures";

// The discord kind (src/channels/kinds/discord.ts): its exact request, its input, its masking, its permanent statuses.

const valid = { type: "discord", name: "ops", url: "https://discord.com/api/webhooks/123/abc" } as const;

describe("discord: the request (execute webhook, one embed)", () => {
  const discord = { type: "discord", url: "https://discord.com/api/webhooks/123/abc" } as const;

  it("open: red embed with title, description, timestamp and url; mentions disabled", async () => {
    const req = await requestFor(discord, OPENED);
    expect(req).toMatchObject({ url: discord.url, method: "POST", headers: JSON_HEADERS });
    expect(req.json).toEqual({
      embeds: [
        {
          title: "db <backup> & co is DOWN",
          description: `${OPEN_TEXT}\nNightly dump\nTags: backup, prod`,
          color: 0xdd3333,
          timestamp: OPENED.occurred_at,
          url: MONITOR_URL,
        },
      ],
      allowed_mentions: { parse: [] },
    });
  });

  it("close: green embed, no url without a public base URL", async () => {
    const req = await requestFor(discord, CLOSED, context({ publicBaseUrl: null }));
    expect(req.json).toEqual({
      embeds: [
        {
          title: "db <backup> & co is UP",
          description: `${CLOSE_TEXT}\nNightly dump\nTags: backup, prod`,
          color: 0x22bb22,
          timestamp: CLOSED.occurred_at,
        },
      ],
      allowed_mentions: { parse: [] },
    });
  });
});

describe("discord: validation", () => {
  it.each([
    ["discord ftp url", { ...valid, url: "ftp://discord.com/x" }, "url"],
    ["discord with a routing key", { ...valid, routing_key: ROUTING_KEY }, "routing_key"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("accepts a valid discord channel", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: "discord", name: valid.name, status: "ok" });
  });

  it("refuses a plain http URL in production", async () => {
    expectInvalid(await postInProduction({ ...valid, url: "http://discord.com/api/webhooks/1/a" }), "url", /must be https/);
  });
});

describeMasking({ type: "discord", url: "https://discord.com/api/webhooks/123/tokensecret" }, { url: "https://discord.com/••••" }, ["url"]);

describe("discord: permanent statuses", () => {
  it("Discord unknown webhook (404) is rejected: the channel is marked failing", async () => {
    const body = '{"message": "Unknown Webhook", "code": 10015}';
    const result = await answeredWith("discord", 404, body);
    expect(result).toMatchObject({ outcome: "rejected", statusCode: 404, error: `HTTP 404: ${body}`, bodyExcerpt: body });
  });
});
