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
  requestFor,
} from "../fixtures";

// The teams kind (src/channels/kinds/teams.ts; the file is not teams.test.ts, the name of the team API's
// tests): its exact request, its input, its masking, its permanent statuses.

const valid = { type: "teams", name: "ops", url: "https://prod-01.westus.logic.azure.com/workflows/abc?sig=x" } as const;

describe("teams: the request (Workflows webhook, Adaptive Card 1.2)", () => {
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

describe("teams: validation", () => {
  it("rejects teams without url", async () => {
    expectInvalid(await api("POST", "/api/v1/channels", { type: "teams", name: "x" }), "url");
  });

  it("accepts a valid teams channel", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: "teams", name: valid.name, status: "ok" });
  });

  it("refuses a plain http URL in production", async () => {
    expectInvalid(await postInProduction({ ...valid, url: "http://prod-01.westus.logic.azure.com/workflows/abc" }), "url", /must be https/);
  });
});

describeMasking(
  { type: "teams", url: "https://prod-01.westus.logic.azure.com:443/workflows/abc/invoke?sig=sigsecret" },
  { url: "https://prod-01.westus.logic.azure.com/••••" },
  ["url"],
);

describe("teams: permanent statuses", () => {
  it("Teams 403 is retried, as any non-2xx that does not say the channel is gone", async () => {
    expect((await answeredWith("teams", 403, "no")).outcome).toBe("retry");
  });
});
