import { describe, expect, it } from "vitest";
import { buildChannelRequest } from "../../../src/channels/send";
import { api } from "../../helpers";
import { answeredWith, CLOSED, context, describeMasking, expectInvalid, MONITOR_URL, OPENED } from "../fixtures";

// The zulip kind (src/channels/kinds/zulip.ts): its exact request, its input, its masking, its permanent statuses.

const KEY = "abcdefghijklmnopqrstuvwxyz012345";
const config = {
  type: "zulip",
  site: "https://example.zulipchat.com/",
  bot_email: "bot@example.zulipchat.com",
  api_key: KEY,
  stream: "ops",
  topic: null,
} as const;
const valid = { ...config, name: "ops", topic: undefined };

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe("zulip: the request (send a stream message as a bot)", () => {
  it("open: form-encoded to the stream, the monitor's name as topic, Basic auth with the bot's email and key", async () => {
    const raw = await buildChannelRequest(config, OPENED, context());
    expect(raw).toMatchObject({
      url: "https://example.zulipchat.com/api/v1/messages",
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${btoa(`bot@example.zulipchat.com:${KEY}`)}`,
      },
    });
    expect(form(raw.body)).toEqual({
      type: "stream",
      to: "ops",
      topic: "db <backup> & co",
      content:
        "**db \\<backup\\> & co is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m**\n" +
        `Nightly dump\nTags: backup, prod\n[Open db \\<backup\\> & co in lubdub](${MONITOR_URL})`,
    });
  });

  it("close: same topic, so the recovery follows the outage; a fixed topic when configured", async () => {
    const closed = form((await buildChannelRequest(config, CLOSED, context({ publicBaseUrl: null }))).body);
    expect(closed).toMatchObject({
      topic: "db <backup> & co",
      content: "**db \\<backup\\> & co is UP again after 2h 5m**\nNightly dump\nTags: backup, prod",
    });
    const fixed = form((await buildChannelRequest({ ...config, topic: "heartbeats" }, CLOSED, context())).body);
    expect(fixed.topic).toBe("heartbeats");
  });
});

describe("zulip: validation", () => {
  it.each([
    ["a bot email that is not an address", { ...valid, bot_email: "bot" }, "bot_email"],
    ["a short key", { ...valid, api_key: "abc" }, "api_key"],
    ["an empty stream", { ...valid, stream: " " }, "stream"],
    ["a site without a scheme", { ...valid, site: "example.zulipchat.com" }, "site"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });
});

describeMasking(
  { type: "zulip", site: "https://example.zulipchat.com", bot_email: "bot@example.zulipchat.com", api_key: KEY, stream: "ops" },
  { site: "https://example.zulipchat.com", bot_email: "bot@example.zulipchat.com", api_key: "••••2345", stream: "ops", topic: null },
  ["api_key"],
);

describe("zulip: permanent statuses", () => {
  it("401 (a deactivated bot or wrong key) and 400 (no such stream) mark the channel failing", async () => {
    const body = '{"result":"error","msg":"Stream \'ops\' does not exist","code":"STREAM_DOES_NOT_EXIST"}';
    expect(await answeredWith("zulip", 400, body)).toMatchObject({ outcome: "rejected", statusCode: 400 });
    expect(await answeredWith("zulip", 401, "{}")).toMatchObject({ outcome: "rejected", statusCode: 401 });
  });
});
