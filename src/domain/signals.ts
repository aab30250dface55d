/**
 * What a ping says, read the way healthchecks.io reads it, so runitor, the healthchecks curl snippets and
 * other existing clients work unchanged: /ping/:token[/start|/fail|/log|/<exit status>].
 */

import { concatBytes } from "../bytes";

export type SignalKind = "success" | "start" | "fail" | "log";

export interface Signal {
  kind: SignalKind;
  /** The exit status from /<0-255>; null for the named suffixes. */
  exitStatus: number | null;
}

type SignalParse = { ok: true; signal: Signal } | { ok: false; error: string };

/** What the ping log keeps of a long body: its head and its tail (where a job's error usually is). */
export const LOG_HEAD_BYTES = 2 * 1024;
export const LOG_TAIL_BYTES = 8 * 1024;

const NAMED: Record<string, SignalKind> = { "": "success", start: "start", fail: "fail", log: "log" };

/**
 * Reads the path suffix after the token ("" for none). Exit statuses are decimal like healthchecks'
 * `<int:exitstatus>` route, so "007" is 7; 0 is success, 1-255 failure, anything larger a 400.
 */
export function parseSignal(suffix: string): SignalParse {
  const named = Object.hasOwn(NAMED, suffix) ? NAMED[suffix] : undefined;
  if (named) return { ok: true, signal: { kind: named, exitStatus: null } };
  if (/^\d+$/.test(suffix)) {
    const exitStatus = Number(suffix);
    if (exitStatus <= 255) return { ok: true, signal: { kind: exitStatus === 0 ? "success" : "fail", exitStatus } };
    return { ok: false, error: `exit status must be between 0 and 255, got ${suffix}` };
  }
  return { ok: false, error: `unknown ping signal "${suffix}"; use start, fail, log or an exit status 0-255` };
}

export interface Keywords {
  successKeywords: readonly string[];
  failureKeywords: readonly string[];
}

export interface KeywordVerdict {
  kind: SignalKind;
  /** The keyword that decided, for the ping log; null when none matched. */
  matched: string | null;
  /** True when a success ping was demoted to "log" because it held no success keyword. */
  ignored: boolean;
}

/**
 * Keyword filtering as healthchecks.io does it ("Filtering Rules"): case-sensitive substrings, failure
 * keywords checked first, then success keywords; when success keywords are set and none matches, the
 * ping is ignored (kept in the log as "log", changes nothing) rather than counted as a success, since
 * the job did not say it succeeded. Only plain success pings (no suffix or /0) are filtered: an explicit
 * /start, /fail, /log or non-zero exit status already says what happened. Empty keywords are skipped
 * (they would match everything). Match against the body as read (its head and tail, 100 KB), not the log excerpt.
 */
export function applyKeywords(kind: SignalKind, body: string | Uint8Array, keywords: Keywords): KeywordVerdict {
  const unchanged: KeywordVerdict = { kind, matched: null, ignored: false };
  // Every ping passes here: most monitors set no keywords, so skip the filtering for them.
  if (kind !== "success" || (keywords.failureKeywords.length === 0 && keywords.successKeywords.length === 0)) return unchanged;
  const failures = keywords.failureKeywords.filter((keyword) => keyword !== "");
  const successes = keywords.successKeywords.filter((keyword) => keyword !== "");
  if (failures.length === 0 && successes.length === 0) return unchanged;
  // Invalid UTF-8 becomes U+FFFD; the ASCII keywords jobs print are still found around it.
  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  const failure = failures.find((keyword) => text.includes(keyword));
  if (failure !== undefined) return { kind: "fail", matched: failure, ignored: false };
  if (successes.length === 0) return unchanged;
  const success = successes.find((keyword) => text.includes(keyword));
  return success === undefined ? { kind: "log", matched: null, ignored: true } : { kind: "success", matched: success, ignored: false };
}

interface ClippedBody {
  body: string;
  encoding: "utf-8" | "base64";
  /** Bytes received. */
  size: number;
  /** True when `body` holds less than the whole of it. */
  truncated: boolean;
}

interface ClipLimits {
  head: number;
  tail: number;
}

const LOG_LIMITS: ClipLimits = { head: LOG_HEAD_BYTES, tail: LOG_TAIL_BYTES };
const isContinuation = (byte: number | undefined) => ((byte ?? 0) & 0xc0) === 0x80;

/**
 * The part of a body the ping log keeps: all of it when it fits in `head + tail` bytes; else its first
 * `head` and last `tail` bytes with a marker between that says how much was cut, so the end of a long
 * output (where the error usually is) survives. Text when valid UTF-8, else base64 (marker included).
 * A character split by a cut is dropped whole, so a long UTF-8 log stays text. `size` is what the
 * client sent, when the reader already dropped the middle of `bytes`.
 */
export function clipBody(bytes: Uint8Array, size = bytes.length, limits = LOG_LIMITS): ClippedBody {
  const fits = bytes.length <= limits.head + limits.tail;
  const truncated = !fits || size > bytes.length;
  if (fits) {
    const text = decodeUtf8([bytes]);
    return text === null
      ? { body: toBase64(bytes), encoding: "base64", size, truncated }
      : { body: text, encoding: "utf-8", size, truncated };
  }
  // As text, back the head's end up and move the tail's start on to a character's lead byte (continuation bytes are 10xxxxxx).
  let headEnd = limits.head;
  for (let back = 0; back < 3 && isContinuation(bytes[headEnd]); back++) headEnd--;
  let tailStart = bytes.length - limits.tail;
  for (let on = 0; on < 3 && isContinuation(bytes[tailStart]); on++) tailStart++;
  const text = decodeUtf8(withMarker(bytes, headEnd, tailStart, size));
  if (text !== null) return { body: text, encoding: "utf-8", size, truncated };
  const raw = withMarker(bytes, limits.head, bytes.length - limits.tail, size);
  return { body: toBase64(concatBytes(raw)), encoding: "base64", size, truncated };
}

/** Head, a marker saying how many bytes were cut, and tail. */
function withMarker(bytes: Uint8Array, headEnd: number, tailStart: number, size: number): Uint8Array[] {
  const cut = size - headEnd - (bytes.length - tailStart);
  const marker = new TextEncoder().encode(`\n[... lubdub cut ${cut} bytes here ...]\n`);
  return [bytes.subarray(0, headEnd), marker, bytes.subarray(tailStart)];
}

/** The parts as text when each is valid UTF-8 (a byte order mark is kept), else null. */
function decodeUtf8(parts: Uint8Array[]): string | null {
  // Most pings have no body: no decoder for them.
  if (parts.every((part) => part.byteLength === 0)) return "";
  try {
    return parts.map((part) => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(part)).join("");
  } catch {
    return null;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // Chunked, because spreading a large array into one call overflows the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
