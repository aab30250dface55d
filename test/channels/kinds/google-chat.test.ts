import { describe, expect, it } from "vitest";
import { api } from "../../helpers";
import {
  ALERT_ID,
  answeredWith,
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

// The google_chat kind (src/channels/kinds/google-chat.ts): its exact request, its input, its masking, its permanent statuses.

const URL_ = "https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k&token=t";
const valid = { type: "google_chat", name: "ops", url: URL_ } as const;
const THREADED = `${URL_}&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`;

describe("google_chat: the request (space webhook, one thread per alert)", () => {
  const config = { type: "google_chat", url: URL_ } as const;

  it("open: bold sentence, summary and link, escaped; the thread keyed by the alert", async () => {
    const req = await requestFor(config, OPENED);
    expect(req).toMatchObject({ url: THREADED, method: "POST", headers: JSON_HEADERS });
    expect(req.json).toEqual({
      text:
        "*db &lt;backup&gt; &amp; co is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m*\n" +
        `Nightly dump\nTags: backup, prod\n<${MONITOR_URL}|Open db &lt;backup&gt; &amp; co in lubdub>`,
      thread: { threadKey: `lubdub-${ALERT_ID}` },
    });
  });

  it("close: replies in the opening's thread", async () => {
    const req = await requestFor(config, CLOSED, context({ publicBaseUrl: null }));
    expect(req.json).toEqual({
      text: "*db &lt;backup&gt; &amp; co is UP again after 2h 5m*\nNightly dump\nTags: backup, prod",
      thread: { threadKey: `lubdub-${ALERT_ID}` },
    });
  });

  it("a long summary is cut to fit the message", async () => {
    const long = { ...OPENED, monitor: { ...OPENED.monitor, summary: "x".repeat(10_000) } };
    const text = ((await requestFor(config, long)).json as { text: string }).text;
    expect(text.length).toBeLessThanOrEqual(4000);
    expect(text).toContain("…");
  });
});

describe("google_chat: validation", () => {
  it("rejects a URL without a scheme, naming the field", async () => {
    expectInvalid(await api("POST", "/api/v1/channels", { ...valid, url: "chat.googleapis.com/v1/spaces/A" }), "url", /https:\/\//);
  });

  it("refuses a plain http URL in production", async () => {
    expectInvalid(await postInProduction({ ...valid, url: "http://chat.googleapis.com/v1/spaces/A" }), "url", /must be https/);
  });
});

describeMasking({ type: "google_chat", url: URL_ }, { url: "https://chat.googleapis.com/••••" }, ["url"]);

describe("google_chat: permanent statuses", () => {
  it.each([400, 403, 404])("%i (bad key, app removed, no such space) marks the channel failing", async (status) => {
    expect(await answeredWith("google_chat", status, "{}")).toMatchObject({ outcome: "rejected", statusCode: status });
  });

  it("429 is retried", async () => {
    expect(await answeredWith("google_chat", 429, "{}")).toMatchObject({ outcome: "retry" });
  });
});
