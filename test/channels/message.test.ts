import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/channels/kinds/telegram";
import { alertMessage, fitEscaped, formatTime, truncate } from "../../src/channels/message";
import { testAlertEvent } from "../../src/channels/test-event";
import { BASE_URL, CLOSE_TEXT, CLOSED, context, MONITOR_URL, OPEN_TEXT, OPENED } from "./fixtures";

describe("alert message text", () => {
  it("open names the last ping and the interval; close names how long it was down", () => {
    expect(alertMessage(OPENED, context())).toEqual({
      kind: "opened",
      title: "db <backup> & co is DOWN",
      text: OPEN_TEXT,
      summary: "Nightly dump\nTags: backup, prod",
      link: MONITOR_URL,
      linkText: "Open db <backup> & co in lubdub",
      test: false,
    });
    expect(alertMessage(CLOSED, context()).text).toBe(CLOSE_TEXT);
  });

  it('says "never" for a monitor that never pinged and formats the interval', () => {
    const event = { ...OPENED, monitor: { ...OPENED.monitor, last_ping_at: null, interval: 90_000 } };
    expect(alertMessage(event, context()).text).toBe("db <backup> & co is DOWN: no ping since never, expected every 1d 1h");
  });

  it("does not claim UP when the alert closed for another reason than a ping", () => {
    const paused = { ...CLOSED, alert: { ...CLOSED.alert, close_reason: "paused" as const } };
    expect(alertMessage(paused, context()).text).toBe("db <backup> & co: alert closed after 2h 5m (monitor paused)");
  });

  it("links only with a public base URL, without a doubled slash", () => {
    expect(alertMessage(OPENED, context({ publicBaseUrl: null })).link).toBeNull();
    expect(alertMessage(OPENED, context({ publicBaseUrl: `${BASE_URL}/` })).link).toBe(MONITOR_URL);
  });

  it("shows the summary, then the tags, under the sentence; neither when the monitor has none", () => {
    const message = (summary: string | null, tags: string[]) =>
      alertMessage({ ...OPENED, monitor: { ...OPENED.monitor, summary, tags } }, context()).summary;
    expect(message(null, [])).toBeNull();
    expect(message("", [])).toBeNull();
    expect(message(null, ["backup", "prod"])).toBe("Tags: backup, prod");
    expect(message("Nightly dump", [])).toBe("Nightly dump");
  });

  it("formats times as UTC without milliseconds", () => {
    expect(formatTime("2100-01-01T00:01:30.000Z")).toBe("2100-01-01 00:01:30 UTC");
  });
});

describe("test messages", () => {
  it("are marked [TEST] in title and text, and link to lubdub rather than a monitor that does not exist", () => {
    const message = alertMessage(testAlertEvent(Date.parse("2100-01-01T00:00:00Z")), context({ test: true }));
    expect(message.title).toBe("[TEST] lubdub test is DOWN");
    expect(message.text).toBe("[TEST] lubdub test is DOWN: no ping since 2099-12-31 23:55:00 UTC, expected every 5m");
    expect(message.link).toBe(BASE_URL);
    expect(message.test).toBe(true);
  });
});

describe("safe truncation", () => {
  it("cuts with an ellipsis and never splits a surrogate pair", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("ab😀cd", 4)).toBe("ab…");
  });

  it("never leaves half an HTML entity", () => {
    const out = fitEscaped("&&&&&", 12, escapeHtml);
    expect(out).toBe("&amp;&amp;…");
    expect(out.length).toBeLessThanOrEqual(12);
  });
});
