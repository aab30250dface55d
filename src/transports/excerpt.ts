/**
 * What lubdub keeps and shows of a receiver's answer: a short, single-line excerpt with control
 * characters removed and every secret of the channel replaced. A receiver that echoes the request
 * back (many do, on errors) must not turn the delivery log into a place to read the channel's keys.
 */

export const REDACTED = "[redacted]";

/** Shorter secrets would match everywhere and are not secrets worth the name. */
const MIN_SECRET_LENGTH = 4;

/** Controls (C0, DEL, C1) and format characters (zero-width, bidirectional overrides): nothing a log should render. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** Replaces every occurrence of every secret, longest first (so a secret containing another goes whole). */
export function redact(text: string, secrets: readonly string[]): string {
  const ordered = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  return ordered.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

/** One line of printable text: controls become spaces, runs of whitespace one space. */
export function sanitize(text: string): string {
  return text.replace(UNPRINTABLE, " ").replace(/\s+/g, " ").trim();
}

/** At most `max` characters (code points, so no surrogate pair is split), marked with "…" when cut. */
function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** Redacts before cutting, so a secret straddling the cut never leaves its first half behind. */
export function excerpt(text: string, secrets: readonly string[], max: number): string {
  return truncateText(sanitize(redact(text, secrets)), max);
}
