import { describe, expect, it } from "vitest";
import { maskToken, maskUrl } from "../../src/channels/masks";
import { ROUTING_KEY } from "./fixtures";

// How the API shows a secret after creation (each kind's view is in test/channels/kinds/).

describe("mask helpers", () => {
  it("keep scheme and host of a URL, nothing of its path or query", () => {
    expect(maskUrl("https://hooks.slack.com/services/T/B/secret?x=1")).toBe("https://hooks.slack.com/••••");
    expect(maskUrl("http://127.0.0.1:9999/hook")).toBe("http://127.0.0.1:9999/••••");
    expect(maskUrl("not a url")).toBe("••••");
  });

  it("show at most the last 4 characters of a token, and nothing of a short one", () => {
    expect(maskToken(ROUTING_KEY)).toBe("••••bcde");
    expect(maskToken("short-token")).toBe("••••");
  });
});
