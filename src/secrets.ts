/**
 * Hashing and constant-time comparison of secrets (the admin token, ping tokens, API keys): one of each.
 * No HTTP here: the Durable Object checks ping tokens with it too.
 */

/** The SHA-256 of `text` (UTF-8), as 64 lowercase hex characters. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Constant-time comparison of two strings of a fixed, public length (ping tokens, hex hashes). Synchronous,
 * and plain JavaScript: no encoder or `crypto.subtle` call per ping (bench/PROFILE.md §3). Every character
 * is compared whatever the earlier ones were; only the length, which is public, ends it early.
 */
export function tokensEqual(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < given.length; i++) difference |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return difference === 0;
}

/** Compares secrets of any length in constant time: both sides are hashed first, so neither length leaks. */
export async function secretsEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256Hex(given), sha256Hex(expected)]);
  return tokensEqual(a, b);
}
