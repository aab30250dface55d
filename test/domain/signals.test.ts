import { describe, expect, it } from "vitest";
import { applyKeywords, clipBody, type Keywords, LOG_HEAD_BYTES, LOG_TAIL_BYTES, parseSignal } from "../../src/domain/signals";

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

describe("clipBody", () => {
  const limits = (head: number, tail: number) => ({ head, tail });
  const cut = (n: number) => `\n[... lubdub cut ${n} bytes here ...]\n`;
  it.each([
    { name: "empty", input: bytes(), at: limits(4, 6), want: { body: "", encoding: "utf-8", size: 0, truncated: false } },
    { name: "text", input: utf8("hello"), at: limits(4, 6), want: { body: "hello", encoding: "utf-8", size: 5, truncated: false } },
    {
      name: "text that just fits",
      input: utf8("abcd"),
      at: limits(2, 2),
      want: { body: "abcd", encoding: "utf-8", size: 4, truncated: false },
    },
    {
      name: "text over the limit keeps its head and tail",
      input: utf8("abcdefgh"),
      at: limits(2, 3),
      want: { body: `ab${cut(3)}fgh`, encoding: "utf-8", size: 8, truncated: true },
    },
    {
      name: "a character split by the head's cut is dropped whole",
      input: utf8("aéxxxxxz"),
      at: limits(2, 1),
      want: { body: `a${cut(7)}z`, encoding: "utf-8", size: 9, truncated: true },
    },
    {
      name: "a character split by the tail's cut is dropped whole",
      input: utf8("axxxxx€b"),
      at: limits(1, 3),
      want: { body: `a${cut(8)}b`, encoding: "utf-8", size: 10, truncated: true },
    },
    {
      name: "4-byte characters at both cuts",
      input: utf8("😀😀xxxxx😀😀"),
      at: limits(7, 7),
      want: { body: `😀${cut(13)}😀`, encoding: "utf-8", size: 21, truncated: true },
    },
    {
      name: "multibyte characters ending exactly at the cuts are kept",
      input: utf8("€€xxxx€€"),
      at: limits(6, 6),
      want: { body: `€€${cut(4)}€€`, encoding: "utf-8", size: 16, truncated: true },
    },
    {
      name: "binary",
      input: bytes(0xff, 0xfe, 0x41),
      at: limits(4, 6),
      want: { body: "//5B", encoding: "base64", size: 3, truncated: false },
    },
  ])("$name", ({ input, at, want }) => {
    expect(clipBody(input, input.length, at)).toEqual(want);
  });

  it("binary over the limit is base64 of head, marker and tail", () => {
    const result = clipBody(bytes(0xff, 0x00, 0x01, 0x02, 0x03, 0xfe), 6, limits(2, 1));
    const decoded = Uint8Array.from(atob(result.body), (char) => char.charCodeAt(0));
    expect(result).toMatchObject({ encoding: "base64", size: 6, truncated: true });
    expect([...decoded]).toEqual([0xff, 0x00, ...new TextEncoder().encode(cut(3)), 0xfe]);
  });

  it("keeps 2 KB of head and 8 KB of tail by default, and counts what the reader already dropped", () => {
    const head = "H".repeat(LOG_HEAD_BYTES);
    const tail = "T".repeat(LOG_TAIL_BYTES);
    const read = utf8(`${head}${"m".repeat(50_000)}${tail}`);
    const result = clipBody(read, 229_000);
    expect(result).toEqual({
      body: `${head}${cut(229_000 - LOG_HEAD_BYTES - LOG_TAIL_BYTES)}${tail}`,
      encoding: "utf-8",
      size: 229_000,
      truncated: true,
    });
  });

  it("a body the reader cut but that fits is marked truncated", () => {
    expect(clipBody(utf8("abc"), 10)).toEqual({ body: "abc", encoding: "utf-8", size: 10, truncated: true });
  });

  it("base64-encodes large binary bodies exactly", () => {
    const input = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7 + 0x80) % 256);
    const result = clipBody(input, input.length, limits(input.length, 0));
    const decoded = Uint8Array.from(atob(result.body), (char) => char.charCodeAt(0));
    expect(result.encoding).toBe("base64");
    expect(decoded.length).toBe(input.length);
    expect(decoded.every((byte, i) => byte === input[i])).toBe(true);
  });
});
