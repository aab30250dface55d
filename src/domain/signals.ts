/**
 * What a ping says, read the way healthchecks.io reads it, so runitor, the healthchecks curl snippets and
 * other existing clients work unchanged: /ping/:token[/start|/fail|/log|/<exit status>].
 */

export type SignalKind = "success" | "start" | "fail" | "log";

export interface Signal {
  kind: SignalKind;
  /** The exit status from /<0-255>; null for the named suffixes. */
  exitStatus: number | null;
}

/** Only an outcome (success or failure) resumes a paused monitor: a start or a log line says nothing of how the job went. */
export const resumesPaused = (signal: Signal): boolean => signal.kind === "success" || signal.kind === "fail";

export type SignalParse = { ok: true; signal: Signal } | { ok: false; error: string };

/** Bodies are cut here, never rejected: a job's long log tail must not make its ping fail. */
export const MAX_BODY_BYTES = 100 * 1024;
/** What the ping log keeps of a body. */
export const LOG_BODY_BYTES = 10 * 1024;

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
 * (they would match everything). Match against the whole stored body, not the 10 KB log excerpt.
 */
export function applyKeywords(kind: SignalKind, body: string | Uint8Array, keywords: Keywords): KeywordVerdict {
  const unchanged: KeywordVerdict = { kind, matched: null, ignored: false };
  const failures = keywords.failureKeywords.filter((keyword) => keyword !== "");
  const successes = keywords.successKeywords.filter((keyword) => keyword !== "");
  if (kind !== "success" || (failures.length === 0 && successes.length === 0)) return unchanged;
  // Invalid UTF-8 becomes U+FFFD; the ASCII keywords jobs print are still found around it.
  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  const failure = failures.find((keyword) => text.includes(keyword));
  if (failure !== undefined) return { kind: "fail", matched: failure, ignored: false };
  if (successes.length === 0) return unchanged;
  const success = successes.find((keyword) => text.includes(keyword));
  return success === undefined ? { kind: "log", matched: null, ignored: true } : { kind: "success", matched: success, ignored: false };
}

/** Cuts a request body to `limit` bytes (100 KB by default), saying whether anything was cut. */
export function cutBody(bytes: Uint8Array, limit = MAX_BODY_BYTES): { bytes: Uint8Array; truncated: boolean } {
  return bytes.length > limit ? { bytes: bytes.subarray(0, limit), truncated: true } : { bytes, truncated: false };
}

export interface ClippedBody {
  body: string;
  encoding: "utf-8" | "base64";
  /** Bytes received (after any earlier cut). */
  size: number;
  /** True when `body` holds less than the whole of it. */
  truncated: boolean;
}

/**
 * The part of a body the ping log keeps: the first `limit` bytes as text when they are valid UTF-8, else
 * base64. A character split by the cut is dropped whole, so a long UTF-8 log stays text.
 */
export function clipBody(bytes: Uint8Array, limit = LOG_BODY_BYTES): ClippedBody {
  const truncated = bytes.length > limit;
  let end = Math.min(bytes.length, limit);
  // Continuation bytes are 10xxxxxx; back up to the lead byte of a character the cut would split.
  for (let back = 0; truncated && back < 3 && ((bytes[end] ?? 0) & 0xc0) === 0x80; back++) end--;
  try {
    const body = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, end));
    return { body, encoding: "utf-8", size: bytes.length, truncated };
  } catch {
    return { body: toBase64(bytes.subarray(0, Math.min(bytes.length, limit))), encoding: "base64", size: bytes.length, truncated };
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // Chunked, because spreading a large array into one call overflows the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
