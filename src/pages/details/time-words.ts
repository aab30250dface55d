/** Times and spans as the details page writes them, in a chosen time zone. Pure. */

import { wallClockIn } from "../../domain/zone-clock";

const two = (value: number): string => String(value).padStart(2, "0");

/** The wall-clock parts of `ms` in the zone, zero-padded as the page writes them. */
function partsOf(ms: number, timeZone: string): Record<"year" | "month" | "day" | "hour" | "minute" | "second", string> {
  const clock = wallClockIn(ms, timeZone);
  return {
    year: String(clock.year),
    month: two(clock.month),
    day: two(clock.day),
    hour: two(clock.hour),
    minute: two(clock.minute),
    second: two(clock.second),
  };
}

/**
 * "2026-03-01 03:10"; with seconds "03:10:42" always (`true`), never (`false`), or only when they are not
 * zero (`"when-set"`: a span's edges, so a 42-second run does not read "from 00:25 to 00:25").
 */
export function formatInstant(ms: number, timeZone: string, withSeconds: boolean | "when-set" = false): string {
  const p = partsOf(ms, timeZone);
  const seconds = withSeconds === true || (withSeconds === "when-set" && p.second !== "00");
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ""}`;
}

/** "03:10" when `ms` is on the same local day as `now`, else the date too. */
export function formatNear(ms: number, now: number, timeZone: string): string {
  const full = formatInstant(ms, timeZone);
  return full.slice(0, 10) === formatInstant(now, timeZone).slice(0, 10) ? full.slice(11) : full;
}

const UNITS: [number, string][] = [
  [86_400_000, "d"],
  [3_600_000, "h"],
  [60_000, "min"],
  [1000, "s"],
];

/** A span in its two largest units: "1 h 10 min", "3 d 2 h", "45 s"; under a second: "0 s". */
export function formatSpan(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1000) * 1000);
  const parts: string[] = [];
  for (const [size, unit] of UNITS) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return parts.length === 0 ? "0 s" : parts.slice(0, 2).join(" ");
}

/** "3 hours ago", "2 min ago", "just now" (the largest unit only). */
export function ago(ms: number, now: number): string {
  const span = now - ms;
  if (span < 60_000) return "just now";
  if (span < 3_600_000) return `${Math.floor(span / 60_000)} min ago`;
  const hours = Math.floor(span / 3_600_000);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  return `${Math.floor(span / 86_400_000)} days ago`;
}

/** A duration in seconds as a run's length: "850 ms", "42 s", "3 min 5 s". */
export function formatRunDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : formatSpan(ms);
}
