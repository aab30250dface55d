/**
 * A monitor's status over 24 h, 7 d, 30 d or 90 d as an SVG strip, with its text alternative. The strip is
 * drawn from equal buckets, each the worst status in it (status-segments.ts), so a one-minute outage still
 * shows on a 90-day strip; the text lists the real segments. Colours come from the stylesheet's classes.
 */
import type { FC } from "hono/jsx";
import type { MonitorStatus } from "../../domain/monitor";
import { bucketBounds, type StatusSegment, statusStrip, stripRuns } from "../../domain/status-segments";
import { formatInstant, formatSpan } from "../details/time-words";

const DAY = 86_400_000;

export const TIMELINE_RANGES = {
  "24h": { ms: DAY, buckets: 288, words: "24 hours" },
  "7d": { ms: 7 * DAY, buckets: 336, words: "7 days" },
  "30d": { ms: 30 * DAY, buckets: 360, words: "30 days" },
  "90d": { ms: 90 * DAY, buckets: 360, words: "90 days" },
} as const;
export type TimelineRange = keyof typeof TIMELINE_RANGES;

export const isTimelineRange = (value: string | undefined): value is TimelineRange =>
  value !== undefined && Object.hasOwn(TIMELINE_RANGES, value);

/** Segments listed in the text alternative at most (newest first); the rest are counted. */
const MAX_LISTED = 30;

export interface TimelineProps {
  segments: readonly StatusSegment[];
  range: TimelineRange;
  /** The window's end (now); it starts `range` earlier. */
  to: number;
  timeZone: string;
}

/** Time per status over the window, most first: "up 23 h, down 1 h". */
export function timelineSummary(segments: readonly StatusSegment[]): string {
  const totals = new Map<MonitorStatus, number>();
  for (const s of segments) totals.set(s.status, (totals.get(s.status) ?? 0) + s.end - s.start);
  if (totals.size === 0) return "no status yet";
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .map(([status, ms]) => `${status} ${formatSpan(ms)}`)
    .join(", ");
}

/** Each segment in words, newest first: "down from 2026-03-01 03:10 to 2026-03-01 04:10 (1 h)". */
export function timelineLines(segments: readonly StatusSegment[], timeZone: string): { lines: string[]; more: number } {
  const newestFirst = [...segments].reverse();
  const lines = newestFirst.slice(0, MAX_LISTED).map((s) => {
    const span = `${formatInstant(s.start, timeZone, "when-set")} to ${formatInstant(s.end, timeZone, "when-set")}`;
    return `${s.status} from ${span} (${formatSpan(s.end - s.start)})`;
  });
  return { lines, more: Math.max(0, newestFirst.length - MAX_LISTED) };
}

/** The strip's rectangles: runs of equal buckets, in bucket units (the SVG's viewBox is one unit per bucket). */
export function timelineBars(
  props: TimelineProps,
): { status: MonitorStatus | null; x: number; width: number; start: number; end: number }[] {
  const { ms, buckets } = TIMELINE_RANGES[props.range];
  const from = props.to - ms;
  const strip = statusStrip(props.segments, from, props.to, buckets);
  return stripRuns(strip).map((run) => ({
    status: run.status,
    x: run.index,
    width: run.count,
    start: bucketBounds(from, props.to, buckets, run.index).start,
    end: bucketBounds(from, props.to, buckets, run.index + run.count - 1).end,
  }));
}

export const StatusTimeline: FC<TimelineProps> = (props) => {
  const range = TIMELINE_RANGES[props.range];
  const from = props.to - range.ms;
  const { lines, more } = timelineLines(props.segments, props.timeZone);
  const summary = `Status over the last ${range.words}: ${timelineSummary(props.segments)}`;
  return (
    <figure class="timeline" id="timeline" data-range={props.range}>
      <svg
        class="timeline-strip"
        viewBox={`0 0 ${range.buckets} 10`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby="timeline-title"
        aria-describedby="timeline-text"
      >
        <title id="timeline-title">{summary}</title>
        {timelineBars(props).map((bar) => (
          <rect class={`tl tl-${bar.status ?? "none"}`} x={bar.x} y={0} width={bar.width} height={10}>
            <title>{`${bar.status ?? "not monitored"}: ${formatInstant(bar.start, props.timeZone)} to ${formatInstant(bar.end, props.timeZone)}`}</title>
          </rect>
        ))}
      </svg>
      <div class="timeline-axis muted">
        <span>{formatInstant(from, props.timeZone)}</span>
        <span>{formatInstant(props.to, props.timeZone)}</span>
      </div>
      <details class="timeline-text" id="timeline-text">
        <summary>{summary}</summary>
        <ol>
          {lines.map((line) => (
            <li>{line}</li>
          ))}
          {more > 0 && <li>{`and ${more} earlier changes`}</li>}
        </ol>
      </details>
    </figure>
  );
};
