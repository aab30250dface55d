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

/**
 * Constant-time comparison of two tokens of a fixed, public length (ping tokens). Synchronous, and plain
 * JavaScript: no encoder or `crypto.subtle` call per ping (bench/PROFILE.md §3). Every character is
 * compared whatever the earlier ones were; only the length, which is public, ends it early.
 */
export function tokensEqual(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < given.length; i++) difference |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return difference === 0;
}
