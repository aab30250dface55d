import { describe, expect, it } from "vitest";
import { channelKind } from "../src/channels/registry";
import { classifyStatus, retryAfterFromBody, sendRequest } from "../src/transports/http";

// What the transport makes of providers' refusals: wait (429), retry (5xx) or give up (gone, bad key).

const NOW = Date.parse("2100-01-01T00:00:00Z");
const request = { url: "https://discord.com/api/webhooks/1/a", method: "POST" as const, headers: {}, body: "{}" };
const answer = (response: Response) => sendRequest(request, async () => response, NOW);

describe("429 waits", () => {
  it("Discord: retry_after (float seconds) from the JSON body when there is no Retry-After header", async () => {
    const result = await answer(
      Response.json({ message: "You are being rate limited.", retry_after: 64.57, global: false }, { status: 429 }),
    );
    expect(result).toMatchObject({ outcome: "retry", statusCode: 429, retryAfterMs: 64_570 });
  });

  it("Telegram: parameters.retry_after", async () => {
    const body = { ok: false, error_code: 429, description: "Too Many Requests: retry after 35", parameters: { retry_after: 35 } };
    expect((await answer(Response.json(body, { status: 429 }))).retryAfterMs).toBe(35_000);
  });

  it("the Retry-After header wins over the body", async () => {
    const res = Response.json({ retry_after: 64.57 }, { status: 429, headers: { "retry-after": "2" } });
    expect((await answer(res)).retryAfterMs).toBe(2000);
  });

  it("only a 429's body is read for a wait", async () => {
    expect((await answer(Response.json({ retry_after: 5 }, { status: 503 }))).retryAfterMs).toBeNull();
    expect((await answer(Response.json({ retry_after: 5 }, { status: 200 }))).retryAfterMs).toBeNull();
  });

  it("ignores bodies that are not JSON or hold no usable number", () => {
    expect(retryAfterFromBody("slow down")).toBeNull();
    expect(retryAfterFromBody("null")).toBeNull();
    expect(retryAfterFromBody('{"retry_after":"soon"}')).toBeNull();
    expect(retryAfterFromBody('{"retry_after":-1}')).toBeNull();
    expect(retryAfterFromBody('{"parameters":null}')).toBeNull();
  });
});

describe("gone or broken channels are not retried", () => {
  it.each([
    ["Slack no_service", "slack", 404, "no_service"],
    ["Slack channel_is_archived", "slack", 410, "channel_is_archived"],
    ["Slack invalid_token", "slack", 403, "invalid_token"],
    ["Discord unknown webhook", "discord", 404, '{"message": "Unknown Webhook", "code": 10015}'],
    [
      "PagerDuty invalid routing key",
      "pagerduty",
      400,
      '{"status":"invalid event","message":"Event object is invalid","errors":["Invalid routing key"]}',
    ],
    ["Opsgenie bad key", "opsgenie", 401, '{"message":"Key format is not valid!"}'],
    ["Telegram chat not found", "telegram", 400, '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}'],
    ["a generic webhook that is gone", "webhook", 410, "gone"],
  ] as const)("%s (%i) is rejected: the channel is marked failing", async (_, type, status, body) => {
    const typed = { ...request, permanentStatuses: channelKind(type).permanentStatuses };
    const result = await sendRequest(typed, async () => new Response(body, { status }), NOW);
    expect(result).toMatchObject({ outcome: "rejected", statusCode: status, error: `HTTP ${status}: ${body}`, bodyExcerpt: body });
  });

  it.each([
    ["a generic webhook's 400", "webhook", 400],
    ["a generic webhook's 401", "webhook", 401],
    ["Slack 400 (a bad payload is ours to fix, the channel is fine)", "slack", 400],
    ["Teams 403", "teams", 403],
  ] as const)("%s is retried, as any non-2xx that does not say the channel is gone", async (_, type, status) => {
    const typed = { ...request, permanentStatuses: channelKind(type).permanentStatuses };
    expect((await sendRequest(typed, async () => new Response("no", { status }), NOW)).outcome).toBe("retry");
  });

  it("PagerDuty's 202 Accepted and Teams' 202 count as delivered", () => {
    expect(classifyStatus(202)).toBe("delivered");
  });
});
