import type { OutboundRequest } from "../channels/types";

export const DELIVERY_TIMEOUT_MS = 10_000;

export type AttemptOutcome =
  /** The receiver accepted it. */
  | "delivered"
  /** Worth trying again later: network error, timeout, 408, 429, 5xx. */
  | "retry"
  /** Trying again cannot help until someone fixes the channel (404/410, other 4xx). */
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

export function classifyStatus(status: number): AttemptOutcome {
  if (status >= 200 && status < 300) return "delivered";
  if (status === 408 || status === 429 || status >= 500) return "retry";
  return "rejected";
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
    const outcome = classifyStatus(response.status);
    return {
      outcome,
      statusCode: response.status,
      error: outcome === "delivered" ? null : `HTTP ${response.status}`,
      retryAfterMs: retryAfterOf(response, body, now),
      bodyExcerpt,
    };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    const error = timedOut ? `timed out after ${timeoutMs} ms` : `network error: ${err instanceof Error ? err.message : String(err)}`;
    return { outcome: "retry", statusCode: null, error, retryAfterMs: null, bodyExcerpt: "" };
  }
}
