import type { FC } from "hono/jsx";
import type { MonitorRecord } from "../db/monitors";
import type { MonitorStatus } from "../domain/monitor";
import { type StatusSegment, stripRuns } from "../domain/status-segments";
import { iso } from "../time";
import { nextExpectedAt, scheduleWordsOf } from "./schedule-memo";

/** One monitor of the list, with what the list page computed for it (monitor-list-data.ts). */
export interface ListedMonitor {
  record: MonitorRecord;
  /** The 24-hour strip's buckets, oldest first (null: before the monitor existed). */
  strip: (MonitorStatus | null)[];
  /** The same 24 hours as segments, for the strip's text alternative. */
  segments: StatusSegment[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** "just now", "3 min ago", "2 h ago", "4 days ago" (the refresh script says the same: static/scripts/refresh.ts). */
export function ago(at: number, now: number): string {
  const ms = Math.max(0, now - at);
  if (ms < MINUTE) return "just now";
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < 48 * HOUR) return `${Math.floor(ms / HOUR)} h ago`;
  return `${Math.floor(ms / (24 * HOUR))} days ago`;
}

/** "in 3 min", "in 2 h", or "overdue" for a time already passed. */
export function inTime(at: number, now: number): string {
  const ms = at - now;
  if (ms <= 0) return "overdue";
  if (ms < HOUR) return `in ${Math.max(1, Math.round(ms / MINUTE))} min`;
  if (ms < 48 * HOUR) return `in ${Math.round(ms / HOUR)} h`;
  return `in ${Math.round(ms / (24 * HOUR))} days`;
}

/** A run's duration: "850 ms", "12.4 s", "3 min 5 s", "2 h 4 min". */
export function durationText(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < MINUTE) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ${Math.floor((ms % MINUTE) / 1000)} s`;
  return `${Math.floor(ms / HOUR)} h ${Math.floor((ms % HOUR) / MINUTE)} min`;
}

/** An instant as a <time>: relative words, the exact UTC time on hover and for machines. */
const When: FC<{ at: number; words: string; rel?: "ago" | "in" }> = ({ at, words, rel }) => {
  const exact = iso(at);
  return (
    <time datetime={exact} title={exact.replace("T", " ").replace(/\.\d+Z$/, " UTC")} data-rel={rel}>
      {words}
    </time>
  );
};

/** "up 22 h 30 min, down 1 h 30 min": the strip in words, for screen readers and hover. */
function stripWords(segments: StatusSegment[]): string {
  const total = new Map<MonitorStatus, number>();
  for (const s of segments) total.set(s.status, (total.get(s.status) ?? 0) + s.end - s.start);
  const parts = [...total].map(([status, ms]) => `${status} ${ms < MINUTE ? "under 1 min" : durationText(ms).replace(/ 0 s$/, "")}`);
  return `Last 24 hours: ${parts.length > 0 ? parts.join(", ") : "no history"}`;
}

/** The 24-hour strip: one rect per run of equal buckets, coloured by class, with its words as the alternative. */
export const StatusStrip: FC<{ monitor: ListedMonitor }> = ({ monitor }) => {
  const words = stripWords(monitor.segments);
  return (
    <svg class="strip" viewBox={`0 0 ${monitor.strip.length} 4`} preserveAspectRatio="none" role="img" aria-label={words}>
      <title>{words}</title>
      {stripRuns(monitor.strip).map((run) => (
        <rect x={run.index} y="0" width={run.count} height="4" class={`strip-${run.status ?? "none"}`} />
      ))}
    </svg>
  );
};

/** A tag's chip, coloured by the worst status among the team's monitors with it (the refresh recolours it). */
const Tags: FC<{ tags: string[]; tagStatus: Map<string, MonitorStatus> }> = ({ tags, tagStatus }) => (
  <span class="tags">
    {tags.map((tag) => {
      const worst = tagStatus.get(tag);
      return (
        <a
          class={`chip tag tag-${worst ?? "none"}`}
          data-tag={tag}
          href={`/app/monitors?tag=${encodeURIComponent(tag)}`}
          title={`worst monitor: ${worst}`}
        >
          {tag}
        </a>
      );
    })}
  </span>
);

const LastPing: FC<{ record: MonitorRecord; now: number }> = ({ record, now }) =>
  record.lastPingAt === null ? (
    <span class="never">never pinged</span>
  ) : (
    <>
      <When at={record.lastPingAt} words={ago(record.lastPingAt, now)} rel="ago" />
      {record.lastDurationMs !== null && <span class="duration muted"> · took {durationText(record.lastDurationMs)}</span>}
    </>
  );

const NextExpected: FC<{ record: MonitorRecord; now: number }> = ({ record, now }) => {
  const at = record.status === "paused" ? null : nextExpectedAt(record.config.schedule, record.nextDueAt, now);
  if (at === null) return <span class="muted">—</span>;
  return <When at={at} words={inTime(at, now)} />;
};

export interface RowProps {
  monitor: ListedMonitor;
  tagStatus: Map<string, MonitorStatus>;
  /** A write session: the row has its bulk checkbox. */
  selectable: boolean;
  now: number;
}

/** A monitor's row: `tr#m-<id>`, replaced whole by the refresh script when the monitor changes. */
export const MonitorRow: FC<RowProps> = ({ monitor, tagStatus, selectable, now }) => {
  const { record } = monitor;
  const { config } = record;
  return (
    <tr id={`m-${config.id}`} class="monitor" data-status={record.status}>
      {selectable && (
        <td class="pick">
          <input type="checkbox" name="ids" value={config.id} form="bulk" id={`pick-${config.id}`} aria-label={`Select ${config.name}`} />
        </td>
      )}
      <td>
        <span class={`status status-${record.status}`}>{record.status}</span>
      </td>
      <td class="name">
        <a href={`/app/monitors/${config.id}`}>{config.name}</a> <Tags tags={config.tags} tagStatus={tagStatus} />
      </td>
      <td class="schedule">{scheduleWordsOf(config.schedule)}</td>
      <td class="last-ping">
        <LastPing record={record} now={now} />
      </td>
      <td class="next-due">
        <NextExpected record={record} now={now} />
      </td>
      <td class="history">
        <StatusStrip monitor={monitor} />
      </td>
    </tr>
  );
};
