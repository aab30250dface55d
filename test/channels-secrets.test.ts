import { describe, expect, it } from "vitest";
import { channelSecrets } from "../src/channels/secrets";
import type { ChannelConfig } from "../src/channels/types";
import { excerpt, REDACTED, redact } from "../src/transports/excerpt";

// Which values of a channel are secret (whatever the API masks), in the forms a receiver may echo them.

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

describe("excerpt", () => {
  it("redacts before it cuts, so no first half of a secret is left at the cut", () => {
    const secret = "0123456789abcdefghij";
    const text = `${"x".repeat(195)}${secret}`;
    expect(excerpt(text, [secret], 200)).toBe(`${"x".repeat(195)}[red…`);
    expect(excerpt(text, [], 200)).toBe(`${"x".repeat(195)}0123…`);
  });

  it("replaces the longest secret first, and ignores values too short to be secrets", () => {
    expect(redact("token abcdefgh and abcd and ab", ["abcd", "abcdefgh", "ab"])).toBe(`token ${REDACTED} and ${REDACTED} and ab`);
  });
});
