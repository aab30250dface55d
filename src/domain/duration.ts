/** Durations are whole seconds everywhere in lubdub; the API also accepts "30s", "5m", "2h", "1d". */

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;
const DURATION_PATTERN = /^(\d{1,9})([smhd])$/;

/** Parses an integer number of seconds or a duration string. Returns null when malformed. */
export function parseDuration(input: number | string): number | null {
  if (typeof input === "number") return Number.isSafeInteger(input) ? input : null;
  const match = DURATION_PATTERN.exec(input.trim());
  if (!match) return null;
  const [, amount, unit] = match;
  return Number(amount) * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS];
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
