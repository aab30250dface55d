/**
 * Constant-time comparison of secrets (the admin token, ping tokens). No HTTP here: the Durable Object
 * checks ping tokens with it too.
 */

async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

/** Compares secrets in constant time: both sides are hashed first so their lengths never leak either. */
export async function secretsEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** One per isolate: every ping compares a token. */
const encoder = new TextEncoder();

/** Constant-time comparison of two tokens of a fixed, public length (ping tokens). Synchronous. */
export function tokensEqual(given: string, expected: string): boolean {
  const [a, b] = [encoder.encode(given), encoder.encode(expected)];
  return a.byteLength === b.byteLength && crypto.subtle.timingSafeEqual(a, b);
}
