import { describe, expect, it } from "vitest";
import { emailContent, PING_BODY_EXCERPT_MAX } from "../../../src/channels/email/content";
import { encodeHeaderText } from "../../../src/channels/email/mime";
import { CLOSED, context, OPENED } from "../fixtures";

// The one email every email kind sends (src/channels/email/content.ts): subject, text and HTML.

describe("email content", () => {
  it("the subject says DOWN, still DOWN, UP, or only that the alert closed", () => {
    const subject = (event: typeof OPENED) => emailContent(event, context()).subject;
    expect(subject(OPENED)).toBe("[lubdub] db <backup> & co is DOWN");
    expect(subject({ ...OPENED, type: "alert.reminder" })).toBe("[lubdub] db <backup> & co is still DOWN");
    expect(subject(CLOSED)).toBe("[lubdub] db <backup> & co is UP");
    expect(subject({ ...CLOSED, alert: { ...CLOSED.alert, close_reason: "paused" } })).toBe(
      "[lubdub] db <backup> & co: alert closed (monitor paused)",
    );
    expect(emailContent(OPENED, context({ test: true })).subject).toBe("[TEST] [lubdub] db <backup> & co is DOWN");
  });

  it("a line break in a name cannot add a header line to the subject", () => {
    const event = { ...OPENED, monitor: { ...OPENED.monitor, name: "x\r\nBcc: victim@example.com" } };
    expect(emailContent(event, context()).subject).toBe("[lubdub] x Bcc: victim@example.com is DOWN");
  });

  it("text and HTML carry the sentence, the summary and tags, the link and the alert id; HTML escapes every value", () => {
    const { text, html } = emailContent(OPENED, context());
    expect(text).toBe(
      [
        "db <backup> & co is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m",
        "Nightly dump\nTags: backup, prod",
        "Open db <backup> & co in lubdub: https://lubdub.example.com/monitors/mon_abcdefghijklmnopqrstuvwxyz",
        "Alert alt_abcdefghijklmnopqrstuvwxyz, 2100-01-01T00:01:30.000Z\n",
      ].join("\n\n"),
    );
    expect(html).toContain("<strong>db &lt;backup&gt; &amp; co is DOWN: no ping since");
    expect(html).toContain("<p>Nightly dump<br>Tags: backup, prod</p>");
    expect(html).not.toContain("<backup>");
  });

  it("quotes the last ping's body when given, escaped in HTML and cut to its limit", () => {
    const body = `</pre><script>alert(1)</script>${"x".repeat(PING_BODY_EXCERPT_MAX)}`;
    const { text, html } = emailContent(OPENED, context(), body);
    expect(text).toContain(`Last ping body:\n</pre><script>alert(1)</script>x`);
    expect(text).toContain("x…");
    expect(html).toContain("<pre>&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;x");
    expect(html).not.toContain("<script>");
    expect(emailContent(OPENED, context(), "  ").text).not.toContain("Last ping body");
  });
});

describe("MIME header text", () => {
  it("ASCII stays as it is; anything else becomes RFC 2047 words of at most 75 characters", () => {
    expect(encodeHeaderText("[lubdub] backup is DOWN")).toBe("[lubdub] backup is DOWN");
    const encoded = encodeHeaderText(`Sicherung über Nacht ${"ä".repeat(60)}`);
    const words = encoded.split("\r\n ");
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
  });
});
