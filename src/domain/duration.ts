/**
 * Durations are whole seconds everywhere in lubdub; the API also accepts "30s", "5m", "2h", "1d" and
 * their combinations largest unit first, "1h30m" or "1d 12h" (the form formatDuration shows).
 */

const UNIT_SECONDS = { d: 86400, h: 3600, m: 60, s: 1 } as const;
type Unit = keyof typeof UNIT_SECONDS;
const UNIT_ORDER = "dhms";
const DURATION_PATTERN = /^(?:\d{1,9}[dhms] ?)+$/;
const PART = /(\d{1,9})([dhms])/g;

/** Parses an integer number of seconds or a duration string. Returns null when malformed. */
export function parseDuration(input: number | string): number | null {
  if (typeof input === "number") return Number.isSafeInteger(input) ? input : null;
  const text = input.trim();
  if (!DURATION_PATTERN.test(text)) return null;
  let seconds = 0;
  let lastUnit = -1;
  for (const [, amount, unit] of text.matchAll(PART)) {
    const order = UNIT_ORDER.indexOf(unit ?? "");
    // Each unit once, largest first: "30m1h" or "1m1m" is more likely a typo than a meaning.
    if (order <= lastUnit) return null;
    lastUnit = order;
    seconds += Number(amount) * UNIT_SECONDS[unit as Unit];
  }
  return seconds;
}

/** Human form for messages: 90 → "1m 30s", 86400 → "1d". */
export function formatDuration(totalSeconds: number): string {
  let rest = Math.max(0, Math.round(totalSeconds));
  if (rest === 0) return "0s";
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.slice(0, 2).join(" ");
}
