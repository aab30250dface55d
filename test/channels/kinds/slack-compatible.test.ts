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
  requestFor,
} from "../fixtures";

// The mattermost and rocketchat kinds (src/channels/slack-compatible.ts): one message format, two kinds users find by name.

const OPEN_MARKDOWN = "**db \\<backup\\> & co is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m**";

describe.each(["mattermost", "rocketchat"])("%s: the request (Slack-compatible incoming webhook)", (type) => {
  const config = { type, url: "https://chat.example.com/hooks/abc" };

  it("open: bold escaped Markdown, a red attachment with the summary and the link", async () => {
    const req = await requestFor(config, OPENED);
    expect(req).toMatchObject({ url: config.url, method: "POST", headers: JSON_HEADERS });
    expect(req.json).toEqual({
      text: OPEN_MARKDOWN,
      attachments: [
        {
          fallback: OPEN_TEXT,
          color: "#dd3333",
          text: "Nightly dump\nTags: backup, prod",
          title: "Open db <backup> & co in lubdub",
          title_link: MONITOR_URL,
        },
      ],
    });
  });

  it("close: green, no link without a public base URL", async () => {
    const req = await requestFor(config, CLOSED, context({ publicBaseUrl: null }));
    expect(req.json).toEqual({
      text: "**db \\<backup\\> & co is UP again after 2h 5m**",
      attachments: [{ fallback: CLOSE_TEXT, color: "#22bb22", text: "Nightly dump\nTags: backup, prod" }],
    });
  });

  it("a monitor named like a mention or markup cannot mention anyone or format", async () => {
    const named = { ...OPENED, monitor: { ...OPENED.monitor, name: "@channel *x* [a](b)" } };
    const text = ((await requestFor(config, named)).json as { text: string }).text;
    expect(text.startsWith("**\\@channel \\*x\\* \\[a\\](b) is DOWN")).toBe(true);
  });

  it("rejects an ftp URL, naming the field", async () => {
    expectInvalid(await api("POST", "/api/v1/channels", { type, name: "ops", url: "ftp://chat.example.com/hooks/x" }), "url");
  });

  it.each([403, 404])("%i (hook disabled or deleted) marks the channel failing", async (status) => {
    expect(await answeredWith(type, status, "{}")).toMatchObject({ outcome: "rejected" });
  });
});

describeMasking({ type: "mattermost", url: "https://chat.example.com/hooks/secret0123456789" }, { url: "https://chat.example.com/••••" }, [
  "url",
]);
describeMasking({ type: "rocketchat", url: "https://rc.example.com/hooks/a/secret0123456789" }, { url: "https://rc.example.com/••••" }, [
  "url",
]);
