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

const labelsOf = (m: MetricsMonitor, extra: Record<string, string> = {}): string => {
  const labels = { monitor: m.id, slug: m.slug ?? "", name: m.name, tags: m.tags.length ? `,${m.tags.join(",")},` : "", ...extra };
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(",")}}`;
};

const seconds = (ms: number): string => String(ms / 1000);

interface Family {
  name: string;
  help: string;
  samples: (m: MetricsMonitor) => string[];
}

const FAMILIES: readonly Family[] = [
  {
    name: "lubdub_monitor_up",
    help: "1 unless the monitor is down (new, late, running and paused count as up, as on healthchecks.io).",
    samples: (m) => [`${labelsOf(m)} ${m.status === "down" ? 0 : 1}`],
  },
  {
    name: "lubdub_monitor_status",
    help: "The monitor's status: one series per status, 1 for the current one.",
    samples: (m) => STATUSES.map((status) => `${labelsOf(m, { status })} ${m.status === status ? 1 : 0}`),
  },
  {
    name: "lubdub_monitor_last_ping_timestamp_seconds",
    help: "When the monitor was last pinged (Unix time): exact at each status change, else less than LIVENESS_REPORT_SECONDS (default 300) behind; absent before the first ping.",
    samples: (m) => (m.lastPingAt === null ? [] : [`${labelsOf(m)} ${seconds(m.lastPingAt)}`]),
  },
  {
    name: "lubdub_monitor_last_duration_seconds",
    help: "How long the last completed run took (/start to its success or failure, same rid), as of the last ping reported (see lubdub_monitor_last_ping_timestamp_seconds); absent before the first.",
    samples: (m) => (m.lastDurationMs === null ? [] : [`${labelsOf(m)} ${seconds(m.lastDurationMs)}`]),
  },
  {
    name: "lubdub_monitor_next_due_timestamp_seconds",
    help: "When the next ping is due (Unix time), as of its last status change; absent while none is awaited.",
    samples: (m) => (m.nextDueAt === null ? [] : [`${labelsOf(m)} ${seconds(m.nextDueAt)}`]),
  },
];

/** The whole exposition: each family's HELP and TYPE, then its samples, then the team's open alert count. */
export function renderMetrics(monitors: readonly MetricsMonitor[], openAlerts: number): string {
  const lines: string[] = [];
  for (const family of FAMILIES) {
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} gauge`);
    for (const m of monitors) for (const sample of family.samples(m)) lines.push(`${family.name}${sample}`);
  }
  lines.push(
    "# HELP lubdub_alerts_open Alerts of the team that are open now.",
    "# TYPE lubdub_alerts_open gauge",
    `lubdub_alerts_open ${openAlerts}`,
  );
  return `${lines.join("\n")}\n`;
}
