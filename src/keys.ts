import { randomBase32 } from "./ids";

/**
 * Team API keys: `lbd_` and 32 base32 characters (160 random bits). Only the SHA-256 is stored; the 8
 * characters after `lbd_` are the key's public prefix, shown in listings and used to find its row.
 */
export const API_KEY_PATTERN = /^lbd_[a-z2-7]{32}$/;
const PREFIX_LENGTH = 8;

export const keyPrefix = (key: string): string => key.slice("lbd_".length, "lbd_".length + PREFIX_LENGTH);

export async function keyHash(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A new key, with what is stored of it. The key itself is shown once and never kept. */
export async function generateApiKey(): Promise<{ key: string; prefix: string; hash: string }> {
  const key = `lbd_${randomBase32(20)}`;
  return { key, prefix: keyPrefix(key), hash: await keyHash(key) };
}

/** Constant-time comparison of two hex hashes of the same, public length. */
export function hashesEqual(a: string, b: string): boolean {
  const encoder = new TextEncoder();
  const [x, y] = [encoder.encode(a), encoder.encode(b)];
  return x.byteLength === y.byteLength && crypto.subtle.timingSafeEqual(x, y);
}
