import { describe, expect, it } from "vitest";
import { advanceTo, api, interceptFetch, ping, S, setNow, settle, T0, useFakeClock } from "../../helpers";
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
  requestFor,
  watched,
} from "../fixtures";

// The slack kind (src/channels/kinds/slack.ts): its exact request, its input, its masking, its permanent statuses.

const OPENED_TS = Date.parse(OPENED.occurred_at) / 1000;
const CLOSED_TS = Date.parse(CLOSED.occurred_at) / 1000;
const valid = { type: "slack", name: "ops", url: "https://hooks.slack.com/services/T000/B000/XXXX" } as const;

describe("slack: the request (incoming webhook, Block Kit + coloured attachment)", () => {
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

describe("slack: validation", () => {
  it.each([
    ["slack without url", { ...valid, url: undefined }, "url"],
    ["slack url not a URL", { ...valid, url: "hooks.slack.com/services/x" }, "url"],
    ["slack unknown field", { ...valid, channel: "#ops" }, "channel"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("accepts a valid slack channel", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: "slack", name: valid.name, status: "ok" });
  });

  it("refuses a plain http URL in production, and accepts https", async () => {
    expectInvalid(await postInProduction({ ...valid, url: "http://hooks.slack.com/services/T/B/X" }), "url", /must be https/);
    expect((await postInProduction(valid)).status).toBe(201);
  });
});

describeMasking({ type: "slack", url: "https://hooks.slack.com/services/T000/B000/XXXXsecret" }, { url: "https://hooks.slack.com/••••" }, [
  "url",
]);

describe("slack: permanent statuses", () => {
  it.each([
    ["Slack no_service", 404, "no_service"],
    ["Slack channel_is_archived", 410, "channel_is_archived"],
    ["Slack invalid_token", 403, "invalid_token"],
  ] as const)("%s (%i) is rejected: the channel is marked failing", async (_, status, body) => {
    const result = await answeredWith("slack", status, body);
    expect(result).toMatchObject({ outcome: "rejected", statusCode: status, error: `HTTP ${status}: ${body}`, bodyExcerpt: body });
  });

  it("Slack 400 (a bad payload is ours to fix, the channel is fine) is retried", async () => {
    expect((await answeredWith("slack", 400, "no")).outcome).toBe("retry");
  });
});

describe("slack: on a monitor", () => {
  useFakeClock(T0);

  it("gets the DOWN message when the monitor goes down and the UP message on the next ping", async () => {
    const { monitor } = await watched({ type: "slack", url: "https://hooks.slack.com/services/T/B/X" });
    const receiver = interceptFetch();
    await advanceTo(monitor.id, T0 + 60 * S);
    setNow(T0 + 200 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect(receiver.captured.map((r) => [r.url, JSON.parse(r.body).text])).toEqual([
      ["https://hooks.slack.com/services/T/B/X", "db backup is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m"],
      ["https://hooks.slack.com/services/T/B/X", "db backup is UP again after 2m 20s"],
    ]);
  });
});
