/** How the API shows secrets after creation. Input schemas refuse values containing MASK (see fields.ts). */

/** Input schemas refuse values containing this, so a read sent back unchanged cannot overwrite a secret. */
export const MASK = "••••";

/** Enough of a key to tell two apart (its last 4 characters), not enough to use it. */
export function maskToken(token: string): string {
  return token.length >= 16 ? `${MASK}${token.slice(-4)}` : MASK;
}

/** Slack, Discord and Teams URLs carry their token in the path and query: keep only scheme and host. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/${MASK}`;
  } catch {
    return MASK;
  }
}

/** A webhook signing secret: its `whsec_` prefix and last characters, to recognise it. */
export function maskSecret(secret: string): string {
  return secret.length <= 12 ? MASK : `${secret.slice(0, 10)}…${secret.slice(-4)}`;
}

/** A value with no useful visible part (a custom header's value). */
export const maskWhole = (): string => MASK;
