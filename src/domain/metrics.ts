/**
 * The Prometheus text exposition format (version 0.0.4) of a team's monitors. Pure. Labels: `monitor`
 * (the id), `slug` ("" for none), `name`, and `tags` as one label ",backup,prod," (as healthchecks.io
 * does): a label per tag would make label names out of user data, and `tags=~".*,prod,.*"` selects by tag.
 */
import { MONITOR_STATUSES, type MonitorStatus } from "./monitor";

export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const STATUSES = MONITOR_STATUSES.options;

/**
 * One monitor as the metrics show it, read from D1's copy by `db/metrics.ts` (no object is woken). Status
 * and next due time are as of its last status change; last ping and duration as of its last liveness report.
 */
export interface MetricsMonitor {
  id: string;
  slug: string | null;
  name: string;
  status: MonitorStatus;
  lastPingAt: number | null;
  lastDurationMs: number | null;
  nextDueAt: number | null;
  /** Sorted. */
  tags: string[];
}

/** Label values escape backslash, double quote and line feed; nothing else. */
const escapeLabel = (value: string): string => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** A monitor with its labels rendered once (`{monitor="…",…,tags="…"}` without the closing brace), for every family. */
export interface MetricsSeries {
  monitor: MetricsMonitor;
  labels: string;
}

export function metricsSeries(m: MetricsMonitor): MetricsSeries {
  const labels = { monitor: m.id, slug: m.slug ?? "", name: m.name, tags: m.tags.length ? `,${m.tags.join(",")},` : "" };
  return {
    monitor: m,
    labels: `{${Object.entries(labels)
      .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
      .join(",")}`,
  };
}

const seconds = (ms: number): string => String(ms / 1000);

interface Family {
  name: string;
  help: string;
  samples: (s: MetricsSeries) => string[];
}

const sample = (s: MetricsSeries, value: string) => `${s.labels}} ${value}`;

const FAMILIES: readonly Family[] = [
  {
    name: "lubdub_monitor_up",
    help: "1 unless the monitor is down (new, late, running and paused count as up, as on healthchecks.io).",
    samples: (s) => [sample(s, s.monitor.status === "down" ? "0" : "1")],
  },
  {
    name: "lubdub_monitor_status",
    help: "The monitor's status: one series per status, 1 for the current one.",
    samples: (s) => STATUSES.map((status) => `${s.labels},status="${status}"} ${s.monitor.status === status ? 1 : 0}`),
  },
  {
    name: "lubdub_monitor_last_ping_timestamp_seconds",
    help: "When the monitor was last pinged (Unix time): exact at each status change, else less than LIVENESS_REPORT_SECONDS (default 300) behind; absent before the first ping.",
    samples: (s) => (s.monitor.lastPingAt === null ? [] : [sample(s, seconds(s.monitor.lastPingAt))]),
  },
  {
    name: "lubdub_monitor_last_duration_seconds",
    help: "How long the last completed run took (/start to its success or failure, same rid), as of the last ping reported (see lubdub_monitor_last_ping_timestamp_seconds); absent before the first.",
    samples: (s) => (s.monitor.lastDurationMs === null ? [] : [sample(s, seconds(s.monitor.lastDurationMs))]),
  },
  {
    name: "lubdub_monitor_next_due_timestamp_seconds",
    help: "When the next ping is due (Unix time), as of its last status change; absent while none is awaited.",
    samples: (s) => (s.monitor.nextDueAt === null ? [] : [sample(s, seconds(s.monitor.nextDueAt))]),
  },
];

/** How many per-monitor families the exposition has (each rendered with `familyText`). */
export const METRIC_FAMILIES = FAMILIES.length;

/**
 * Part of one family's group: its HELP and TYPE lines when `first`, then the samples of `series`. The text
 * format wants each family's lines together, so an exposition streamed a page at a time renders family by
 * family, each over every page, and the groups follow one another.
 */
export function familyText(family: number, series: readonly MetricsSeries[], first: boolean): string {
  const f = FAMILIES[family];
  if (!f) return "";
  const lines = first ? [`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} gauge`] : [];
  for (const s of series) for (const line of f.samples(s)) lines.push(`${f.name}${line}`);
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

/** The last group: the team's open alert count. */
export const openAlertsText = (openAlerts: number): string =>
  `# HELP lubdub_alerts_open Alerts of the team that are open now.\n# TYPE lubdub_alerts_open gauge\nlubdub_alerts_open ${openAlerts}\n`;

/** The whole exposition at once: each family's HELP and TYPE, then its samples, then the team's open alert count. */
export function renderMetrics(monitors: readonly MetricsMonitor[], openAlerts: number): string {
  const series = monitors.map(metricsSeries);
  return FAMILIES.map((_, family) => familyText(family, series, true)).join("") + openAlertsText(openAlerts);
}
