import type { OutboundRequest } from "../channels/types";

export const DELIVERY_TIMEOUT_MS = 10_000;

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
export function parseRetryAfter(value: string | null, now: number): number | null {
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

/** 2xx is delivered; the receiver's "this channel is broken" statuses are final; anything else is retried. */
export function classifyStatus(status: number, permanent: readonly number[] = GONE): AttemptOutcome {
  if (status >= 200 && status < 300) return "delivered";
  return permanent.includes(status) ? "rejected" : "retry";
}

export async function sendRequest(
  request: OutboundRequest,
  fetchFn: FetchLike,
  now: number,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<AttemptResult> {
  try {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    const bodyExcerpt = body.slice(0, 500);
    const outcome = classifyStatus(response.status, request.permanentStatuses);
    const said = body.trim().replace(/\s+/g, " ").slice(0, 120);
    return {
      outcome,
      statusCode: response.status,
      error: outcome === "delivered" ? null : said ? `HTTP ${response.status}: ${said}` : `HTTP ${response.status}`,
      retryAfterMs: retryAfterOf(response, body, now),
      bodyExcerpt,
    };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    const error = timedOut ? `timed out after ${timeoutMs} ms` : `network error: ${err instanceof Error ? err.message : String(err)}`;
    return { outcome: "retry", statusCode: null, error, retryAfterMs: null, bodyExcerpt: "" };
  }
}
