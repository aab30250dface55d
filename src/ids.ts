/**
 * Identifiers. Everything is lowercase base32 (URL-safe, case-insensitive, no ambiguous padding).
 * A ping token is the monitor's 26-character id body followed by 26 characters of secret, so the
 * worker finds the monitor's Durable Object from the token alone (no lookup) and the object checks
 * the secret half.
 */

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const BODY_LENGTH = 26; // 128 random bits in base32

export type IdPrefix = "mon" | "chn" | "alt" | "dlv" | "evt" | "key" | "flp" | "grp";

export function randomBase32(bytes = 16): string {
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase32()}`;
}

/** An id's shape: its prefix (any three letters when none is given), `_`, then 26 base32 characters. */
export function idPattern(prefix?: IdPrefix): RegExp {
  return new RegExp(`^${prefix ?? "[a-z]{3}"}_[a-z2-7]{${BODY_LENGTH}}$`);
}

const ID_PATTERNS = new Map<IdPrefix | undefined, RegExp>();
const patternOf = (prefix?: IdPrefix): RegExp => {
  const known = ID_PATTERNS.get(prefix);
  if (known) return known;
  const made = idPattern(prefix);
  ID_PATTERNS.set(prefix, made);
  return made;
};

export function isWellFormedId(id: string, prefix?: IdPrefix): boolean {
  return patternOf(prefix).test(id);
}

export function newPingToken(monitorId: string): string {
  return monitorId.slice("mon_".length) + randomBase32();
}

const TOKEN_PATTERN = /^[a-z2-7]{52}$/;

/** The monitor a token claims to belong to, or null when the token is malformed. */
export function monitorIdFromToken(token: string): string | null {
  return TOKEN_PATTERN.test(token) ? `mon_${token.slice(0, BODY_LENGTH)}` : null;
}

/** A team's ping key (the `<ping_key>` of /ping/<ping_key>/<slug>): 128 random bits as 32 hex digits. */
export function newPingKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A team's badge key (/badge/<badge_key>/...): the same shape as a ping key, but its own random value. */
export const newBadgeKey = (): string => newPingKey();

/** A team's status page key (/status/<key>): the same shape again, its own random value. */
export const newStatusPageKey = (): string => newPingKey();

/** A team's id: `team_` and 26 base32 characters, or `team_default` (the team that held everything before teams). */
export const TEAM_ID_PATTERN = /^team_(default|[a-z2-7]{26})$/;

export function newTeamId(): string {
  return `team_${randomBase32()}`;
}
