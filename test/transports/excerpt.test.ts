import { describe, expect, it } from "vitest";
import { excerpt, REDACTED, redact } from "../../src/transports/excerpt";
import { api, interceptFetch } from "../helpers";

// What is kept of a receiver's answer: a short excerpt, secrets redacted first, nothing that is not plain text.

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

describe("the test endpoint returns only a short, sanitised excerpt", () => {
  it("at most 200 characters, one line, no control or bidi characters", async () => {
    const page = `<html>\r\n\u001b[31mroot:x:0:0\u0000\u202e${"secret page ".repeat(300)}</html>`;
    interceptFetch(() => new Response(page, { status: 200 }));
    const { id } = (await api("POST", "/api/v1/channels", { type: "webhook", name: "n", url: "https://receiver.example/hook" })).body;
    const { body_excerpt } = (await api("POST", `/api/v1/channels/${id}/test`)).body;
    expect(body_excerpt.length).toBeLessThanOrEqual(200);
    expect(body_excerpt).toMatch(/^<html> \[31mroot:x:0:0 secret page secret page/);
    expect(body_excerpt).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });
});
