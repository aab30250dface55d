import type { CliContext } from "./context";
import { isErrorEnvelope, networkReason, retryAfterSeconds, UsageError } from "./errors";
import { pingKey } from "./resolve";

/** How long one ping may take, retries included, unless --ping-timeout says otherwise (README "CLI"). */
export const DEFAULT_PING_BUDGET_MS = 10_000;
/** The wait before the 2nd, 3rd... attempt (then the last one repeats), cut short by the budget. */
const BACKOFF_MS = [250, 500, 1000, 2000, 4000];

export type PingOutcome = { ok: true; status: number; text: string } | { ok: false; status: number | null; reason: string };

const isPingUrl = (target: string) => /^https?:\/\//i.test(target);

/**
 * A ping URL from what the user gave: a full URL as is, or a slug, sent to `/ping/<ping_key>/<slug>` on the
 * configured server (the ping key from LUBDUB_PING_KEY, else GET /api/v1/team with the API key).
 */
export async function resolvePingUrl(context: CliContext, target: string): Promise<URL> {
  if (isPingUrl(target)) return new URL(target);
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(target)) throw new UsageError(`not a ping URL or a slug: ${target}`);
  const base = context.connection().url;
  const key = context.io.env.LUBDUB_PING_KEY || (await pingKey(context.client(), context.io.env));
  return new URL(`${base}/ping/${encodeURIComponent(key)}/${target}`);
}

/** The URL with a suffix (`/start`, `/fail`, `/log`, `/<exit code>`) and, for `lubdub run`, `?rid=`. */
export function pingUrl(base: URL, suffix: string, rid?: string): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${suffix}`;
  if (rid) url.searchParams.set("rid", rid);
  return url;
}

/**
 * Sends one ping (POST with the body, if any), retrying a network error, a 5xx or a 429 with backoff
 * until it is answered or the deadline (epoch ms) passes. Never throws: a cron wrapper must not fail because lubdub is away.
 */
export async function sendPing(
  url: URL,
  body: Uint8Array | undefined,
  deadline = Date.now() + DEFAULT_PING_BUDGET_MS,
  fetchImpl: typeof fetch = fetch,
): Promise<PingOutcome> {
  let last: PingOutcome = { ok: false, status: null, reason: "not sent" };
  for (let attempt = 0; ; attempt++) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return last;
    last = await attemptPing(url, body, remaining, fetchImpl);
    if (last.ok || (last.status !== null && last.status < 500 && last.status !== 429)) return last;
    const wait = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 0;
    if (Date.now() + wait >= deadline) return last;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

async function attemptPing(url: URL, body: Uint8Array | undefined, timeoutMs: number, fetchImpl: typeof fetch): Promise<PingOutcome> {
  try {
    const response = await fetchImpl(url, {
      method: "POST",
      body,
      headers: { "content-type": "text/plain; charset=utf-8", "user-agent": "lubdub-cli" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return response.ok
      ? { ok: true, status: response.status, text }
      : { ok: false, status: response.status, reason: refusal(response, text) };
  } catch (err) {
    return { ok: false, status: null, reason: networkReason(err) };
  }
}

/** Why a ping was refused, in one line: the API's error message rather than its JSON, and a 429's wait. */
function refusal(response: Response, text: string): string {
  let reason = text.slice(0, 300).trim();
  try {
    const body: unknown = JSON.parse(text);
    if (isErrorEnvelope(body)) reason = body.error.message;
  } catch {
    // Plain text (the ping routes answer `not found`): kept as it is.
  }
  const wait = retryAfterSeconds(response.headers.get("retry-after"));
  return wait === null ? reason : `${reason}: try again in ${wait} s`;
}
