import { describe, expect, it } from "vitest";
import { CLOSE_TEXT, CLOSED, context, MONITOR_URL, OPEN_TEXT, OPENED, requestFor } from "./channels-fixtures";

// The exact request each chat channel sends, against the provider's documented format.

const JSON_HEADERS = { "content-type": "application/json", "user-agent": "lubdub/1" };
const OPENED_TS = Date.parse(OPENED.occurred_at) / 1000;
const CLOSED_TS = Date.parse(CLOSED.occurred_at) / 1000;

describe("slack (incoming webhook, Block Kit + coloured attachment)", () => {
  const slack = { type: "slack", url: "https://hooks.slack.com/services/T000/B000/XXXX" } as const;

  it("open: section with escaped mrkdwn, context link, red attachment", async () => {
    const req = await requestFor(slack, OPENED);
    expect(req).toMatchObject({ url: slack.url, method: "POST", headers: JSON_HEADERS });
    expect(req.json).toEqual({
      text: OPEN_TEXT,
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*db &lt;backup&gt; &amp; co is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m*\nNightly dump\nTags: backup, prod",
          },
        },
        { type: "context", elements: [{ type: "mrkdwn", text: `<${MONITOR_URL}|Open db &lt;backup&gt; &amp; co in lubdub>` }] },
      ],
      attachments: [{ color: "#dd3333", fallback: OPEN_TEXT, footer: "lubdub", ts: OPENED_TS }],
    });
  });

  it("close: green attachment; no context block without a public base URL", async () => {
    const req = await requestFor(slack, CLOSED, context({ publicBaseUrl: null }));
    expect(req.json).toEqual({
      text: CLOSE_TEXT,
      blocks: [
        {
          type: "section",
          text: { type: "mrkdwn", text: "*db &lt;backup&gt; &amp; co is UP again after 2h 5m*\nNightly dump\nTags: backup, prod" },
        },
      ],
      attachments: [{ color: "#22bb22", fallback: CLOSE_TEXT, footer: "lubdub", ts: CLOSED_TS }],
    });
  });
});

describe("discord (execute webhook, one embed)", () => {
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

describe("teams (Workflows webhook, Adaptive Card 1.2)", () => {
  const teams = {
    type: "teams",
    url: "https://prod-01.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=s3cret",
  } as const;
  const envelope = (content: unknown) => ({
    type: "message",
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content }],
  });

  it("open: attention heading, text, summary, and an OpenUrl action", async () => {
    const req = await requestFor(teams, OPENED);
    expect(req).toMatchObject({ url: teams.url, method: "POST", headers: JSON_HEADERS });
    expect(req.json).toEqual(
      envelope({
        $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
        type: "AdaptiveCard",
        version: "1.2",
        body: [
          { type: "TextBlock", text: "db <backup> & co is DOWN", wrap: true, size: "Large", weight: "Bolder", color: "Attention" },
          { type: "TextBlock", text: OPEN_TEXT, wrap: true },
          { type: "TextBlock", text: "Nightly dump\nTags: backup, prod", wrap: true, isSubtle: true },
        ],
        actions: [{ type: "Action.OpenUrl", title: "Open db <backup> & co in lubdub", url: MONITOR_URL }],
      }),
    );
  });

  it("close: good heading, no actions without a link", async () => {
    const req = await requestFor(teams, CLOSED, context({ publicBaseUrl: null }));
    expect(req.json).toEqual(
      envelope({
        $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
        type: "AdaptiveCard",
        version: "1.2",
        body: [
          { type: "TextBlock", text: "db <backup> & co is UP", wrap: true, size: "Large", weight: "Bolder", color: "Good" },
          { type: "TextBlock", text: CLOSE_TEXT, wrap: true },
          { type: "TextBlock", text: "Nightly dump\nTags: backup, prod", wrap: true, isSubtle: true },
        ],
      }),
    );
  });
});

describe("ntfy (publish as JSON to the server root)", () => {
  const ntfy = {
    type: "ntfy",
    server: "https://ntfy.example.com/",
    topic: "ops-alerts",
    token: "tk_abcdefghijklmnopqrstuvwxyz012",
  } as const;

  it("open: priority 5, bearer token, click link", async () => {
    const req = await requestFor(ntfy, OPENED);
    expect(req).toMatchObject({
      url: "https://ntfy.example.com/",
      method: "POST",
      headers: { ...JSON_HEADERS, authorization: "Bearer tk_abcdefghijklmnopqrstuvwxyz012" },
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

describe("telegram (Bot API sendMessage, HTML)", () => {
  const telegram = { type: "telegram", bot_token: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", chat_id: "-1001234567890" } as const;
  const url = "https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage";

  it("open: escaped HTML, bold sentence, summary and link", async () => {
    const req = await requestFor(telegram, OPENED);
    expect(req).toMatchObject({ url, method: "POST", headers: JSON_HEADERS });
    expect(req.json).toEqual({
      chat_id: "-1001234567890",
      text:
        "<b>db &lt;backup&gt; &amp; co is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m</b>\nNightly dump\nTags: backup, prod\n" +
        `<a href="${MONITOR_URL}">Open db &lt;backup&gt; &amp; co in lubdub</a>`,
      parse_mode: "HTML",
      disable_web_page_preview: true,
    });
  });

  it("close", async () => {
    const req = await requestFor(telegram, CLOSED, context({ publicBaseUrl: null }));
    expect(req.json).toEqual({
      chat_id: "-1001234567890",
      text: "<b>db &lt;backup&gt; &amp; co is UP again after 2h 5m</b>\nNightly dump\nTags: backup, prod",
      parse_mode: "HTML",
      disable_web_page_preview: true,
    });
  });
});
