/**
 * When to try a failed delivery again: exponential from 10 s, capped at 1 h, with ±20 % jitter so
 * many monitors failing together do not retry in lockstep; a receiver's Retry-After is a floor.
 * Deliveries are retried for at least 24 h (about 30 attempts): the last attempt is the first one made
 * after the window has passed; only then is a delivery given up as failed.
 */

const FIRST_RETRY_MS = 10_000;
const MAX_RETRY_DELAY_MS = 3_600_000;
export const RETRY_WINDOW_MS = 24 * 3_600_000;

export function retryDelay(attempts: number, retryAfterMs: number | null, random: number): number {
  const exponential = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
  const jittered = Math.round(exponential * (0.8 + 0.4 * random));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, RETRY_WINDOW_MS));
}

/** The time of the next attempt, or null once an attempt has been made after the retry window. */
export function nextAttemptAt(
  createdAt: number,
  attempts: number,
  now: number,
  retryAfterMs: number | null,
  random: number,
): number | null {
  return now - createdAt >= RETRY_WINDOW_MS ? null : now + retryDelay(attempts, retryAfterMs, random);
}
