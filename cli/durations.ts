/**
 * Durations as people write them. The API speaks seconds; the CLI shows `5m`, `90m`, `1d` in its tables,
 * in `lubdub diff` and in the files `lubdub export` writes, so a person reads them as they wrote them.
 */

/** Whole seconds as the largest exact unit ("5m", "90m", "1d"): what a file holds (0 stays the number 0). */
export function durationText(seconds: number): number | string {
  if (seconds === 0) return 0;
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3600],
    ["m", 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** The same for a table cell: 0 as `0s`, beside `5m`; no value stays none. */
export function durationLabel(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  return seconds === 0 ? "0s" : String(durationText(seconds));
}
