/**
 * How long the monitor's last runs took, as a small SVG bar chart (one bar per timed run, oldest left),
 * from the ping log's durations (a ping that ends a run begun by /start). With its text alternative.
 */
import type { FC } from "hono/jsx";
import { formatInstant, formatRunDuration } from "../details/time-words";

export interface TimedRun {
  at: number;
  durationMs: number;
  failed: boolean;
}

/** Runs from ping-log entries, oldest first (the log is read newest first). */
export function timedRuns(entries: readonly { at: number; kind: string; durationMs: number | null }[]): TimedRun[] {
  const runs: TimedRun[] = [];
  for (const entry of entries) {
    if (entry.durationMs === null) continue;
    runs.push({ at: entry.at, durationMs: entry.durationMs, failed: entry.kind === "fail" });
  }
  return runs.sort((a, b) => a.at - b.at);
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** "12 runs: median 40 s, longest 1 min 2 s (2026-03-01 03:10), 1 failed". */
export function durationSummary(runs: readonly TimedRun[], timeZone: string): string {
  if (runs.length === 0) return "No timed runs yet: ping /start when the job begins and its end when it ends to see how long it takes.";
  const longest = runs.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
  const failed = runs.filter((r) => r.failed).length;
  const count = `${runs.length} run${runs.length === 1 ? "" : "s"}`;
  return `${count}: median ${formatRunDuration(median(runs.map((r) => r.durationMs)))}, longest ${formatRunDuration(longest.durationMs)} (${formatInstant(longest.at, timeZone)})${failed > 0 ? `, ${failed} failed` : ""}`;
}

const BAR = 10;
const HEIGHT = 100;
/** The chart is at least this many bars wide, newest on the right, so a few runs are not drawn as slabs. */
const MIN_SLOTS = 30;

export const DurationChart: FC<{ runs: readonly TimedRun[]; timeZone: string }> = ({ runs, timeZone }) => {
  const summary = durationSummary(runs, timeZone);
  if (runs.length === 0)
    return (
      <p class="muted" id="durations">
        {summary}
      </p>
    );
  const max = Math.max(...runs.map((r) => r.durationMs), 1);
  const slots = Math.max(runs.length, MIN_SLOTS);
  const offset = slots - runs.length;
  return (
    <figure class="durations" id="durations">
      <svg
        class="durations-chart"
        viewBox={`0 0 ${slots * BAR} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby="durations-title"
      >
        <title id="durations-title">{`Run durations: ${summary}`}</title>
        {runs.map((run, i) => {
          const height = Math.max(1, (run.durationMs / max) * HEIGHT);
          return (
            <rect
              class={run.failed ? "bar bar-fail" : "bar bar-ok"}
              x={(offset + i) * BAR + 1}
              y={HEIGHT - height}
              width={BAR - 2}
              height={height}
            >
              <title>{`${formatInstant(run.at, timeZone)}: ${formatRunDuration(run.durationMs)}${run.failed ? " (failed)" : ""}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption class="muted">{`${summary}. Tallest bar: ${formatRunDuration(max)}.`}</figcaption>
    </figure>
  );
};
