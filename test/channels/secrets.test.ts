import { describe, expect, it } from "vitest";
import { channelSecrets } from "../../src/channels/secrets";
import type { ChannelConfig } from "../../src/channels/types";
import { advanceTo, api, createMonitor, interceptFetch, ping, S, settle, T0, useFakeClock } from "../helpers";

// Which values of a channel are secret (whatever the API masks), in the forms a receiver may echo them;
// and that none of them comes back through a receiver that echoes the request (test result, delivery
// log, failing reason).

const webhook: ChannelConfig = {
  type: "webhook",
  url: "https://receiver.example/hook",
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La/Sw+",
  headers: { Authorization: "Basic dXNlcjpzM2NyZXQtcGFzcw==", "X-Api-Key": "key/with/slashes-123" },
};

describe("channelSecrets", () => {
  it("a webhook's signing secret and header values, with the parts that are secret on their own", () => {
    const secrets = channelSecrets(webhook);
    expect(secrets).toEqual(
      expect.arrayContaining([
        webhook.secret,
        "MfKQ9r8GKYqrTwjUPD8ILPZIo2La/Sw+", // the key without its prefix
        "dXNlcjpzM2NyZXQtcGFzcw==", // Basic credentials
        "user:s3cret-pass", // decoded
        "s3cret-pass",
        "key/with/slashes-123",
        "key\\/with\\/slashes-123", // as PHP's json_encode writes it
        "key%2Fwith%2Fslashes-123", // URL-encoded
      ]),
    );
    expect(secrets).not.toContain(webhook.url); // shown by the API, so not a secret
  });

  it("a Slack URL's token path, but not its host", () => {
    const secrets = channelSecrets({ type: "slack", url: "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/xoxbSecretTokenPart123" });
    expect(secrets).toEqual(expect.arrayContaining(["/services/T0ABCDEF1/B0ABCDEF2/xoxbSecretTokenPart123", "xoxbSecretTokenPart123"]));
    expect(secrets.some((s) => s === "hooks.slack.com" || s === "services")).toBe(false);
  });

  it("a Telegram bot token and its secret half; none for a channel without secrets beyond the shown ones", () => {
    expect(channelSecrets({ type: "telegram", bot_token: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", chat_id: "1" })).toEqual(
      expect.arrayContaining(["123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"]),
    );
    expect(channelSecrets({ type: "ntfy", server: "https://ntfy.sh", topic: "t", token: null })).toEqual([]);
  });
});

const HOOK = "https://receiver.example/hook";
const AUTH_TOKEN = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
const API_KEY = "k3y-0f-the-ap1-9f8e7d6c5b4a";
const WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/** A receiver that answers with everything it was sent, as many do on errors. */
const echo = (status: number) =>
  interceptFetch((req) => new Response(`${req.url}\n${JSON.stringify(req.headers)}\n${req.body}`, { status }));

const SECRET_CHANNELS = [
  {
    body: { type: "webhook", url: HOOK, secret: WHSEC, headers: { Authorization: `Bearer ${AUTH_TOKEN}`, "X-Api-Key": API_KEY } },
    secrets: [AUTH_TOKEN, API_KEY, WHSEC, WHSEC.slice(6)],
  },
  {
    body: { type: "slack", url: "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/xoxbSecretTokenPart123" },
    secrets: ["xoxbSecretTokenPart123", "T0ABCDEF1/B0ABCDEF2"],
  },
  {
    body: { type: "telegram", bot_token: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", chat_id: 1 },
    secrets: ["AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"],
  },
  { body: { type: "ntfy", topic: "t", token: "tk_abcdefghijklmnopqrstuvwxyz012" }, secrets: ["tk_abcdefghijklmnopqrstuvwxyz012"] },
  { body: { type: "opsgenie", api_key: "eb243592-faa2-4ba2-a551-1afdf565c889" }, secrets: ["eb243592-faa2-4ba2-a551-1afdf565c889"] },
  { body: { type: "pagerduty", routing_key: "R0123456789abcdef0123456789abcde" }, secrets: ["R0123456789abcdef0123456789abcde"] },
] as const;

function expectNoSecret(shown: unknown, secrets: readonly string[]) {
  const text = JSON.stringify(shown);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe.each(SECRET_CHANNELS)("an echoing receiver leaks no secret of a $body.type channel", ({ body, secrets }) => {
  useFakeClock(T0);

  it("in the test result", async () => {
    const { id } = (await api("POST", "/api/v1/channels", { name: "n", ...body })).body;
    echo(500);
    const result = (await api("POST", `/api/v1/channels/${id}/test`)).body;
    expect(result).toMatchObject({ ok: false, status_code: 500 });
    expectNoSecret(result, secrets);
    expect(`${result.error} ${result.body_excerpt}`).toContain("[redacted]");
  });

  it("in the delivery log and the channel's failing reason", async () => {
    const { id } = (await api("POST", "/api/v1/channels", { name: "n", ...body })).body;
    const monitor = await createMonitor({ name: "echoed", interval: 60, channels: [id] });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    echo(500);
    await advanceTo(monitor.id, T0 + 60 * S); // the first attempt: a 500, retried
    echo(410);
    await advanceTo(monitor.id, T0 + 600 * S); // the retry: 410, final for a webhook, retried for others
    const deliveries = (await api("GET", `/api/v1/channels/${id}/deliveries`)).body;
    const channel = (await api("GET", `/api/v1/channels/${id}`)).body;
    expect(deliveries.data[0].last_error).toMatch(/^HTTP (500|410): /);
    expectNoSecret([deliveries, channel, (await api("GET", `/api/v1/deliveries/${deliveries.data[0].id}`)).body], secrets);
  });
});
