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
    const bodyExcerpt = (await response.text()).slice(0, 500);
    const outcome = classifyStatus(response.status);
    return {
      outcome,
      statusCode: response.status,
      error: outcome === "delivered" ? null : `HTTP ${response.status}`,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), now),
      bodyExcerpt,
    };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    const error = timedOut ? `timed out after ${timeoutMs} ms` : `network error: ${err instanceof Error ? err.message : String(err)}`;
    return { outcome: "retry", statusCode: null, error, retryAfterMs: null, bodyExcerpt: "" };
  }
}
