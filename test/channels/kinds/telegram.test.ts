import { describe, expect, it } from "vitest";
import { escapeHtml, TELEGRAM_TEXT_MAX, telegramText } from "../../../src/channels/kinds/telegram";
import { api } from "../../helpers";
import {
  answeredWith,
  BOT_TOKEN,
  CLOSED,
  context,
  describeMasking,
  expectInvalid,
  JSON_HEADERS,
  MONITOR_URL,
  OPENED,
  postInProduction,
  requestFor,
} from "../fixtures";

// The telegram kind (src/channels/kinds/telegram.ts): its exact request, its text limit, its input, its masking, its permanent statuses.

const valid = { type: "telegram", name: "chat", bot_token: BOT_TOKEN, chat_id: -1001234567890 } as const;

describe("telegram: the request (Bot API sendMessage, HTML)", () => {
  const telegram = { type: "telegram", bot_token: BOT_TOKEN, chat_id: "-1001234567890" } as const;
  const url = `https://api.telegram.org/bot${BOT_TOKEN}/sendMessage`;

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

describe("telegram: safe truncation", () => {
  it("text stays within 4096 characters, tags intact, link kept", () => {
    const text = telegramText("<&>".repeat(3000), "&".repeat(5000), { href: MONITOR_URL, text: "Open" });
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_MAX);
    expect(text.startsWith("<b>&lt;&amp;&gt;")).toBe(true);
    expect(text).toMatch(/…<\/b>\n<a href="[^"]+">Open<\/a>$/);
    // Every '&' starts a whole entity.
    expect(text.replace(/&(amp|lt|gt|quot);/g, "")).not.toContain("&");
  });

  it("text fits the summary into what the sentence leaves", () => {
    const text = telegramText("short", "&".repeat(5000), null);
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_MAX);
    expect(text.length).toBeGreaterThan(TELEGRAM_TEXT_MAX - 5);
    expect(text).toMatch(/^<b>short<\/b>\n(&amp;)+…$/);
  });

  it("escapes exactly what Telegram's HTML mode needs", () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });
});

describe("telegram: validation", () => {
  it.each([
    ["telegram malformed bot token", { ...valid, bot_token: "hunter2" }, "bot_token"],
    ["telegram chat id that is a name", { ...valid, chat_id: "general" }, "chat_id"],
    ["telegram without chat id", { type: "telegram", name: "x", bot_token: BOT_TOKEN }, "chat_id"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("accepts a valid telegram channel and stores its chat id as a string", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: "telegram", name: valid.name, status: "ok" });
    expect(res.body.config).toEqual({ bot_token: BOT_TOKEN, chat_id: "-1001234567890" });
  });

  it("is accepted in production: its URL is the provider's own", async () => {
    expect((await postInProduction(valid)).status).toBe(201);
  });
});

describeMasking(
  { type: "telegram", bot_token: BOT_TOKEN, chat_id: "@lubdub_alerts" },
  { bot_token: "••••Dsaw", chat_id: "@lubdub_alerts" },
  ["bot_token"],
);

describe("telegram: permanent statuses", () => {
  it("Telegram chat not found (400) is rejected: the channel is marked failing", async () => {
    const body = '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}';
    const result = await answeredWith("telegram", 400, body);
    expect(result).toMatchObject({ outcome: "rejected", statusCode: 400, error: `HTTP 400: ${body}`, bodyExcerpt: body });
  });
});
