import { describe, expect, it } from "vitest";
import { api } from "../../helpers";
import {
  answeredWith,
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

// The pushover and gotify kinds (src/channels/kinds/pushover.ts, gotify.ts): their exact requests, inputs, masking, permanent statuses.

const APP = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
const USER = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";
const OPENED_SECONDS = Date.parse(OPENED.occurred_at) / 1000;

describe("pushover: the request (Messages API)", () => {
  const config = { type: "pushover", token: APP, user_key: USER, priority: 1 } as const;

  it("open: high priority, title, sentence and summary, the link to the monitor", async () => {
    const req = await requestFor(config, OPENED);
    expect(req).toMatchObject({ url: "https://api.pushover.net/1/messages.json", method: "POST", headers: JSON_HEADERS });
    expect(req.json).toEqual({
      token: APP,
      user: USER,
      title: "db <backup> & co is DOWN",
      message: `${OPEN_TEXT}\nNightly dump\nTags: backup, prod`,
      priority: 1,
      timestamp: OPENED_SECONDS,
      url: MONITOR_URL,
      url_title: "Open db <backup> & co in lubdub",
    });
  });

  it("close: normal priority whatever the channel's", async () => {
    const req = await requestFor({ ...config, priority: 2 }, CLOSED, context({ publicBaseUrl: null }));
    expect(req.json).toMatchObject({ title: "db <backup> & co is UP", priority: 0 });
    expect(req.json).not.toHaveProperty("retry");
  });

  it("an emergency (2) carries the retry and expiry Pushover requires", async () => {
    expect((await requestFor({ ...config, priority: 2 }, OPENED)).json).toMatchObject({ priority: 2, retry: 60, expire: 3600 });
  });

  it("the message is cut to Pushover's 1024 characters", async () => {
    const long = { ...OPENED, monitor: { ...OPENED.monitor, summary: "y".repeat(3000) } };
    expect(((await requestFor(config, long)).json as { message: string }).message).toHaveLength(1024);
  });

  it.each([
    ["a short token", { token: "abc" }, "token"],
    ["priority 3", { priority: 3 }, "priority"],
  ])("rejects %s", async (_, change, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", { type: "pushover", name: "p", token: APP, user_key: USER, ...change }), path);
  });

  it("400 (invalid token or user) marks the channel failing; 429 (quota) is retried", async () => {
    expect(await answeredWith("pushover", 400, '{"status":0,"errors":["application token is invalid"]}')).toMatchObject({
      outcome: "rejected",
    });
    expect(await answeredWith("pushover", 429, "{}")).toMatchObject({ outcome: "retry" });
  });
});

describeMasking({ type: "pushover", token: APP, user_key: USER }, { token: "••••nyUi", user_key: "••••VRsG", priority: 1 }, [
  "token",
  "user_key",
]);

describe("gotify: the request (create message)", () => {
  const config = { type: "gotify", server: "https://gotify.example.com/", token: "AbCdEf0123456789", priority: 8 } as const;

  it("open: the app token in a header, priority 8, plain text, a click-through to the monitor", async () => {
    const req = await requestFor(config, OPENED);
    expect(req).toMatchObject({
      url: "https://gotify.example.com/message",
      method: "POST",
      headers: { ...JSON_HEADERS, "x-gotify-key": "AbCdEf0123456789" },
    });
    expect(req.json).toEqual({
      title: "db <backup> & co is DOWN",
      message: `${OPEN_TEXT}\nNightly dump\nTags: backup, prod`,
      priority: 8,
      extras: { "client::display": { contentType: "text/plain" }, "client::notification": { click: { url: MONITOR_URL } } },
    });
  });

  it("close: priority 4, no click-through without a public base URL", async () => {
    const req = await requestFor(config, CLOSED, context({ publicBaseUrl: null }));
    expect(req.json).toMatchObject({
      title: "db <backup> & co is UP",
      priority: 4,
      extras: { "client::display": { contentType: "text/plain" } },
    });
    expect(JSON.stringify(req.json)).not.toContain("client::notification");
  });

  it("rejects a priority above 10", async () => {
    const body = { type: "gotify", name: "g", server: "https://gotify.example.com", token: "AbCdEf0123456789", priority: 11 };
    expectInvalid(await api("POST", "/api/v1/channels", body), "priority");
  });

  it("401 and 403 (no or revoked app token) mark the channel failing", async () => {
    expect(await answeredWith("gotify", 401, "{}")).toMatchObject({ outcome: "rejected" });
    expect(await answeredWith("gotify", 403, "{}")).toMatchObject({ outcome: "rejected" });
  });
});

describeMasking(
  { type: "gotify", server: "https://gotify.example.com", token: "AbCdEf0123456789" },
  { server: "https://gotify.example.com", token: "••••6789", priority: 8 },
  ["token"],
);
