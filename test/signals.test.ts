import { describe, expect, it } from "vitest";
import { applyKeywords, clipBody, cutBody, type Keywords, LOG_BODY_BYTES, MAX_BODY_BYTES, parseSignal } from "../src/domain/signals";

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("parseSignal", () => {
  it.each([
    { suffix: "", kind: "success", exitStatus: null },
    { suffix: "0", kind: "success", exitStatus: 0 },
    { suffix: "00", kind: "success", exitStatus: 0 },
    { suffix: "start", kind: "start", exitStatus: null },
    { suffix: "fail", kind: "fail", exitStatus: null },
    { suffix: "log", kind: "log", exitStatus: null },
    { suffix: "1", kind: "fail", exitStatus: 1 },
    { suffix: "007", kind: "fail", exitStatus: 7 },
    { suffix: "255", kind: "fail", exitStatus: 255 },
  ])("$suffix → $kind ($exitStatus)", ({ suffix, kind, exitStatus }) => {
    expect(parseSignal(suffix)).toEqual({ ok: true, signal: { kind, exitStatus } });
  });

  it.each([
    { suffix: "256", error: /between 0 and 255/ },
    { suffix: "1000", error: /between 0 and 255/ },
    { suffix: "99999999999999999999", error: /between 0 and 255/ },
    ...["-1", "+1", "1.5", "1e2", " 1", "abc", "START", "Fail", "success", "toString", "__proto__", "start/"].map((suffix) => ({
      suffix,
      error: /unknown ping signal/,
    })),
  ])("rejects $suffix", ({ suffix, error }) => {
    const result = parseSignal(suffix);
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error).toMatch(error);
  });
});

describe("applyKeywords", () => {
  const none: Keywords = { successKeywords: [], failureKeywords: [] };
  const errors: Keywords = { successKeywords: [], failureKeywords: ["ERROR", "FATAL"] };
  const ok: Keywords = { successKeywords: ["Backup complete"], failureKeywords: [] };
  const both: Keywords = { successKeywords: ["OK"], failureKeywords: ["ERROR"] };

  it.each([
    {
      name: "no keywords: success stays",
      kind: "success",
      body: "ERROR",
      kw: none,
      want: { kind: "success", matched: null, ignored: false },
    },
    {
      name: "failure keyword fails a success",
      kind: "success",
      body: "copy… ERROR: disk full",
      kw: errors,
      want: { kind: "fail", matched: "ERROR", ignored: false },
    },
    {
      name: "any failure keyword counts",
      kind: "success",
      body: "FATAL: out of memory",
      kw: errors,
      want: { kind: "fail", matched: "FATAL", ignored: false },
    },
    { name: "case-sensitive", kind: "success", body: "0 errors", kw: errors, want: { kind: "success", matched: null, ignored: false } },
    {
      name: "no failure keyword, no success list",
      kind: "success",
      body: "all fine",
      kw: errors,
      want: { kind: "success", matched: null, ignored: false },
    },
    {
      name: "success keyword found",
      kind: "success",
      body: "Backup complete in 3s",
      kw: ok,
      want: { kind: "success", matched: "Backup complete", ignored: false },
    },
    {
      name: "success keyword missing: ignored",
      kind: "success",
      body: "backup complete",
      kw: ok,
      want: { kind: "log", matched: null, ignored: true },
    },
    {
      name: "empty body with success list: ignored",
      kind: "success",
      body: "",
      kw: ok,
      want: { kind: "log", matched: null, ignored: true },
    },
    {
      name: "failure wins over success",
      kind: "success",
      body: "OK, then ERROR",
      kw: both,
      want: { kind: "fail", matched: "ERROR", ignored: false },
    },
    { name: "explicit /fail is not filtered", kind: "fail", body: "OK", kw: both, want: { kind: "fail", matched: null, ignored: false } },
    { name: "/start is not filtered", kind: "start", body: "ERROR", kw: both, want: { kind: "start", matched: null, ignored: false } },
    { name: "/log is not filtered", kind: "log", body: "ERROR", kw: both, want: { kind: "log", matched: null, ignored: false } },
    {
      name: "empty keywords match nothing",
      kind: "success",
      body: "x",
      kw: { successKeywords: [""], failureKeywords: [""] },
      want: { kind: "success", matched: null, ignored: false },
    },
    {
      name: "bytes, invalid UTF-8 around the keyword",
      kind: "success",
      body: bytes(0xff, 0xfe, 0x20, ...utf8("ERROR")),
      kw: errors,
      want: { kind: "fail", matched: "ERROR", ignored: false },
    },
    {
      name: "bytes, UTF-8 keyword",
      kind: "success",
      body: utf8("Sicherung abgeschlossen ✓"),
      kw: { successKeywords: ["✓"], failureKeywords: [] },
      want: { kind: "success", matched: "✓", ignored: false },
    },
  ] as const)("$name", ({ kind, body, kw, want }) => {
    expect(applyKeywords(kind, body, kw)).toEqual(want);
  });
});

describe("cutBody", () => {
  it.each([
    { name: "empty", size: 0, limit: 4, kept: 0, truncated: false },
    { name: "under the limit", size: 3, limit: 4, kept: 3, truncated: false },
    { name: "at the limit", size: 4, limit: 4, kept: 4, truncated: false },
    { name: "over the limit", size: 5, limit: 4, kept: 4, truncated: true },
    { name: "default 100 KB", size: MAX_BODY_BYTES + 1, limit: undefined, kept: MAX_BODY_BYTES, truncated: true },
  ])("$name", ({ size, limit, kept, truncated }) => {
    const input = new Uint8Array(size).fill(0x61);
    const result = cutBody(input, limit);
    expect({ kept: result.bytes.length, truncated: result.truncated }).toEqual({ kept, truncated });
  });
});

describe("clipBody", () => {
  it.each([
    { name: "empty", input: bytes(), limit: 10, want: { body: "", encoding: "utf-8", size: 0, truncated: false } },
    { name: "text", input: utf8("hello"), limit: 10, want: { body: "hello", encoding: "utf-8", size: 5, truncated: false } },
    { name: "text at the limit", input: utf8("abcd"), limit: 4, want: { body: "abcd", encoding: "utf-8", size: 4, truncated: false } },
    { name: "text over the limit", input: utf8("abcdef"), limit: 4, want: { body: "abcd", encoding: "utf-8", size: 6, truncated: true } },
    { name: "2-byte char split by the cut", input: utf8("aé"), limit: 2, want: { body: "a", encoding: "utf-8", size: 3, truncated: true } },
    { name: "3-byte char split by the cut", input: utf8("€€"), limit: 4, want: { body: "€", encoding: "utf-8", size: 6, truncated: true } },
    {
      name: "4-byte char split by the cut",
      input: utf8("😀😀"),
      limit: 7,
      want: { body: "😀", encoding: "utf-8", size: 8, truncated: true },
    },
    {
      name: "multibyte char ending at the cut",
      input: utf8("€€x"),
      limit: 6,
      want: { body: "€€", encoding: "utf-8", size: 7, truncated: true },
    },
    { name: "binary", input: bytes(0xff, 0xfe, 0x41), limit: 10, want: { body: "//5B", encoding: "base64", size: 3, truncated: false } },
    {
      name: "binary over the limit",
      input: bytes(0xff, 0x00, 0x01, 0x02),
      limit: 2,
      want: { body: "/wA=", encoding: "base64", size: 4, truncated: true },
    },
  ])("$name", ({ input, limit, want }) => {
    expect(clipBody(input, limit)).toEqual(want);
  });

  it("keeps the first 10 KB by default", () => {
    const result = clipBody(new Uint8Array(LOG_BODY_BYTES * 2).fill(0x78));
    expect({ length: result.body.length, truncated: result.truncated, size: result.size }).toEqual({
      length: LOG_BODY_BYTES,
      truncated: true,
      size: LOG_BODY_BYTES * 2,
    });
  });

  it("base64-encodes large binary bodies exactly", () => {
    const input = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7 + 0x80) % 256);
    const result = clipBody(input, input.length);
    const decoded = Uint8Array.from(atob(result.body), (char) => char.charCodeAt(0));
    expect(result.encoding).toBe("base64");
    expect(decoded.length).toBe(input.length);
    expect(decoded.every((byte, i) => byte === input[i])).toBe(true);
  });
});
