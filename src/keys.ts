import { randomBase32 } from "./ids";
import { sha256Hex } from "./secrets";

/**
 * Team API keys: `lbd_` and 32 base32 characters (160 random bits). Only the SHA-256 is stored; the 8
 * characters after `lbd_` are the key's public prefix, shown in listings and used to find its row.
 */
export const API_KEY_PATTERN = /^lbd_[a-z2-7]{32}$/;
const PREFIX_LENGTH = 8;

export const keyPrefix = (key: string): string => key.slice("lbd_".length, "lbd_".length + PREFIX_LENGTH);

export const keyHash = (key: string): Promise<string> => sha256Hex(key);

/** A new key, with what is stored of it. The key itself is shown once and never kept. */
export async function generateApiKey(): Promise<{ key: string; prefix: string; hash: string }> {
  const key = `lbd_${randomBase32(20)}`;
  return { key, prefix: keyPrefix(key), hash: await keyHash(key) };
}
