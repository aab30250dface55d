import type { RequestContext } from "./app-env";
import { ApiError } from "./errors";
import { log, loggedError } from "./log";

// The admin API's abuse limits, on Cloudflare's Workers Rate Limiting binding (wrangler.toml [[ratelimits]]):
// no storage of ours, no extra round trip to a Durable Object, and `wrangler dev` and the tests emulate it.
// Its counters are per Cloudflare location and approximate, which is fine for abuse limits (not for quotas).
// Pings never come here: they are not rate limited (a job's pings are the product's input).

/** Both bindings' `simple.period` in wrangler.toml, in seconds. */
const PERIOD_SECONDS = 60;

/**
 * The client's address as Cloudflare saw it; absent locally (tests, some `wrangler dev` setups). Not
 * X-Forwarded-For as the ping log keeps it (routes/ping-client.ts): the client writes that header, so a
 * guesser could claim a fresh address on every request.
 */
function clientAddress(c: RequestContext): string {
  return c.req.header("cf-connecting-ip") || "local";
}

function limitsOff(c: RequestContext): boolean {
  return c.env.RATE_LIMITS === "off";
}

/**
 * Addresses that went over the failed-authentication limit, and until when (ms). The binding can only count,
 * not tell without counting, so the block it decides is remembered here, in this isolate's memory: another
 * isolate learns it on its first failure from that address, so a guesser gets at most one more token checked
 * per isolate per period. Capped, so an attacker spraying addresses cannot grow it without bound.
 */
const blockedUntil = new Map<string, number>();
const MAX_BLOCKED = 10_000;

function block(address: string, until: number): void {
  blockedUntil.delete(address);
  blockedUntil.set(address, until);
  const oldest = blockedUntil.keys().next();
  if (blockedUntil.size > MAX_BLOCKED && !oldest.done) blockedUntil.delete(oldest.value);
}

/** A 429 whose message says how long to wait, as its Retry-After header does: a person reads the one, a client the other. */
function rateLimited(c: RequestContext, retryAfterSeconds: number, why: string): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  c.header("Retry-After", String(seconds));
  return new ApiError("rate_limited", `${why}; retry in ${seconds} second${seconds === 1 ? "" : "s"}`);
}

/**
 * Counts one request of `key` on `limiter`. A limiter that fails lets the request through, loudly (logged):
 * an abuse limit that is down must not take the admin API down with it.
 */
async function withinLimit(limiter: RateLimit, key: string): Promise<boolean> {
  try {
    return (await limiter.limit({ key })).success;
  } catch (err) {
    // The key (an address or a key id) is left out of the line: the error says what failed.
    log({ event: "rate_limiter.failed", error: loggedError(err) });
    return true;
  }
}

/**
 * Before the token is checked: an address that failed authentication too often gets 429 whatever it sends,
 * the right token included. Otherwise the limit would not bound guessing (a right guess would still answer
 * 200 among the 429s); the price is that a client sharing the guesser's address waits out the minute too.
 */
export function refuseBlockedClient(c: RequestContext): void {
  if (limitsOff(c)) return;
  const address = clientAddress(c);
  const until = blockedUntil.get(address);
  if (until === undefined) return;
  const now = Date.now();
  if (until <= now) {
    blockedUntil.delete(address);
    return;
  }
  throw rateLimited(c, (until - now) / 1000, "too many failed authentications from this address");
}

/**
 * After a failed token check: counts the failure against the client's address. Past the limit (wrangler.toml,
 * FAILED_AUTH_LIMITER) it throws 429 and blocks the address for a period; otherwise the caller answers 401.
 */
export async function limitFailedAuth(c: RequestContext): Promise<void> {
  if (limitsOff(c)) return;
  const address = clientAddress(c);
  if (await withinLimit(c.env.FAILED_AUTH_LIMITER, address)) return;
  block(address, Date.now() + PERIOD_SECONDS * 1000);
  throw rateLimited(c, PERIOD_SECONDS, "too many failed authentications from this address");
}

/**
 * After a successful token check: counts the request against the key's budget (wrangler.toml,
 * ADMIN_KEY_LIMITER, 600 a minute) and throws 429 past it, before the route runs: a refused request changes
 * nothing. The binding does not say when its window ends, so Retry-After is the whole period.
 */
export async function limitKey(c: RequestContext, keyId: string): Promise<void> {
  if (limitsOff(c)) return;
  if (await withinLimit(c.env.ADMIN_KEY_LIMITER, keyId)) return;
  throw rateLimited(c, PERIOD_SECONDS, "too many requests with this API key");
}
