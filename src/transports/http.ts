import { excerpt, sanitize } from "./excerpt";
import { networkFailure } from "./network-failure";

/** A request a transport is about to send. Built by the channels' pure builders, sent by `sendRequest`. */
export interface OutboundRequest {
  url: string;
  /** PUT for receivers whose URL names the message, making a retry idempotent (Matrix). */
  method: "POST" | "PUT";
  headers: Record<string, string>;
  body: string;
  /**
   * Statuses with which this receiver says the channel itself is broken (gone, bad key): no retry,
   * the channel is marked failing. Every other non-2xx is retried. Default: 404 and 410.
   */
  permanentStatuses?: readonly number[];
  /** The channel's secret values: redacted from whatever the receiver answers before it is kept or shown. */
  secrets?: readonly string[];
}

const DELIVERY_TIMEOUT_MS = 10_000;

export type AttemptOutcome =
  /** The receiver accepted it. */
  | "delivered"
  /** Worth trying again later: network error, timeout, and every non-2xx but the ones below. */
  | "retry"
  /** The receiver says the channel is broken (404/410, or a provider's bad-key status): no retry. */
  | "rejected";

export interface AttemptResult {
  outcome: AttemptOutcome;
  statusCode: number | null;
  error: string | null;
  /** From `Retry-After` (or a provider's own field), when the receiver asked us to wait. */
  retryAfterMs: number | null;
  bodyExcerpt: string;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Parses `Retry-After` as seconds or an HTTP date. */
function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * A 429's wait from its JSON body, for receivers that put it there instead of in `Retry-After`:
 * Discord (`retry_after`, seconds, a float) and Telegram (`parameters.retry_after`, seconds).
 */
export function retryAfterFromBody(body: string): number | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const record = parsed as { retry_after?: unknown; parameters?: { retry_after?: unknown } | null };
  const seconds = record.retry_after ?? record.parameters?.retry_after;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : null;
}

/** `Retry-After` wins; only a 429 without it is worth reading the body for. */
function retryAfterOf(response: Response, body: string, now: number): number | null {
  const fromHeader = parseRetryAfter(response.headers.get("retry-after"), now);
  if (fromHeader !== null || response.status !== 429) return fromHeader;
  return retryAfterFromBody(body);
}

const GONE: readonly number[] = [404, 410];
/** A moved-for-good receiver: the channel's URL needs editing, and retrying the old one for a day would not help. */
const MOVED_PERMANENTLY: readonly number[] = [301, 308];

/** 2xx is delivered; the receiver's "this channel is broken" statuses are final; anything else is retried. */
export function classifyStatus(status: number, permanent: readonly number[] = GONE): AttemptOutcome {
  if (status >= 200 && status < 300) return "delivered";
  return permanent.includes(status) || MOVED_PERMANENTLY.includes(status) ? "rejected" : "retry";
}

/** Short: a receiver's answer is for recognising the problem, not for reading another service's pages through lubdub. */
const EXCERPT_MAX = 200;
const ERROR_TEXT_MAX = 120;
/** Room for networkFailure's own sentence, host included. */
const NETWORK_ERROR_MAX = 240;
/** A receiver answering with megabytes must not fill the object's memory: the rest is never read. */
const BODY_READ_MAX = 16 * 1024;

async function readBounded(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let [text, bytes] = ["", 0];
  while (bytes < maxBytes) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

/**
 * Redirects are never followed (`redirect: "manual"`): a public URL could otherwise point lubdub at a
 * private one, and a POST would be replayed. The error says where it pointed (the origin only).
 */
function redirectNote(response: Response, requestUrl: string): string | null {
  if (response.status < 300 || response.status >= 400) return null;
  const location = response.headers.get("location");
  let target = "elsewhere";
  try {
    if (location) target = new URL(location, requestUrl).origin;
  } catch {
    // an unparsable Location still means "not here"
  }
  return `redirect to ${target} not followed; use the final URL`;
}

function resultOf(request: OutboundRequest, response: Response, body: string, now: number): AttemptResult {
  const secrets = request.secrets ?? [];
  const outcome = classifyStatus(response.status, request.permanentStatuses);
  const said = redirectNote(response, request.url) ?? excerpt(body, secrets, ERROR_TEXT_MAX);
  return {
    outcome,
    statusCode: response.status,
    error: outcome === "delivered" ? null : said ? `HTTP ${response.status}: ${said}` : `HTTP ${response.status}`,
    retryAfterMs: retryAfterOf(response, body, now),
    bodyExcerpt: excerpt(body, secrets, EXCERPT_MAX),
  };
}

/**
 * A request that fetch refuses to even build (a header value with CR/LF/NUL stored before validation
 * existed, a malformed URL) can never succeed: it is reported as final, not retried for a day.
 * Names the offending header, never its value.
 */
function unsendableReason(request: OutboundRequest): string | null {
  try {
    new URL(request.url);
  } catch {
    return "the URL is malformed";
  }
  for (const [name, value] of Object.entries(request.headers)) {
    try {
      new Headers([[name, value]]);
    } catch {
      return `header ${JSON.stringify(sanitize(name).slice(0, 100))} has an invalid name or value`;
    }
  }
  return null;
}

/** An attempt no receiver answered (never sent, no connection, the channel unreadable): no status, no body. */
export const unanswered = (outcome: "rejected" | "retry", error: string): AttemptResult => ({
  outcome,
  statusCode: null,
  error,
  retryAfterMs: null,
  bodyExcerpt: "",
});

export async function sendRequest(
  request: OutboundRequest,
  fetchFn: FetchLike,
  now: number,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<AttemptResult> {
  const unsendable = unsendableReason(request);
  if (unsendable) return unanswered("rejected", `cannot be sent: ${unsendable}; edit the channel`);
  try {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    return resultOf(request, response, await readBounded(response, BODY_READ_MAX), now);
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    const reason = networkFailure(err instanceof Error ? err.message : String(err), request.url);
    const error = timedOut
      ? `timed out after ${timeoutMs} ms`
      : `network error: ${excerpt(reason, request.secrets ?? [], NETWORK_ERROR_MAX)}`;
    return unanswered("retry", error);
  }
}
