/**
 * The server's log: one JSON object per line, its fields at the top level, so that Workers Logs indexes each
 * field (`event`, `monitor_id`, `request_id`, ...) and `wrangler tail --search <id>` finds every line of a
 * monitor or a request. Logged as an object, not a string: that is the form Cloudflare documents for
 * Workers Logs' field extraction (https://developers.cloudflare.com/workers/observability/logs/workers-logs/).
 *
 * Every line is one of the events below, so what the log can say is listed in one place. Never logged:
 * secrets, tokens (a ping path is logged without its token: `safePath`), ping bodies, channel URLs, and the
 * receivers' answers (a delivery line names its delivery; the API shows the redacted answer).
 */
import type { AlertReason, CloseReason, MonitorStatus } from "./domain/monitor";

/** The ids a line carries where they are known, always under these names. */
interface Ids {
  monitor_id?: string;
  alert_id?: string;
  delivery_id?: string;
  channel_id?: string;
  team_id?: string;
  request_id?: string;
}

/** An error as a line shows it: its name, message and stack, never the object itself. */
export interface LoggedError {
  name: string;
  message: string;
  stack?: string;
}

/** What became of one delivery attempt: delivered, to be retried, or given up for good. */
export type DeliveryOutcome = "ok" | "failed" | "permanent";

/** Every event the server logs. `level` follows from the event (LEVELS), so no call site picks one. */
export type LogEvent = Ids &
  (
    | { event: "monitor.status"; monitor_id: string; from: MonitorStatus; to: MonitorStatus }
    | { event: "alert.opened"; monitor_id: string; alert_id: string; reason: AlertReason }
    | { event: "alert.closed"; monitor_id: string; alert_id: string; close_reason: CloseReason | null }
    | {
        event: "delivery.attempt";
        delivery_id: string;
        outcome: DeliveryOutcome;
        attempts: number;
        status_code: number | null;
        event_type: string;
      }
    | { event: "cron.run"; at: string; jobs: unknown }
    | { event: "cron.job_failed"; job: string; error: LoggedError }
    | { event: "sweep.woken"; monitor_id: string }
    | { event: "sweep.repaired"; monitor_id: string }
    | { event: "sweep.wake_failed"; monitor_id: string; error: LoggedError }
    | { event: "request.failed"; request_id: string; method: string; path: string; error: LoggedError }
    | { event: "d1_sync.failed"; attempts: number; error: LoggedError }
    | { event: "delivery.threw"; delivery_id: string; error: LoggedError }
    | { event: "liveness_report.failed"; monitor_id: string; error: LoggedError }
    | { event: "channel_cache.unreadable"; error: LoggedError }
    | { event: "ping_log.relaid" }
    | { event: "rate_limiter.failed"; error: LoggedError }
    | { event: "healthz.failed"; part: string; error: LoggedError }
    | { event: "route.unscoped"; method: string; path: string }
    | { event: "background.failed"; what: string; error: LoggedError }
    | { event: "create_on_ping.refused"; team_id: string; slug: string; reason: string }
    | { event: "channel_failing.push_failed"; channel_id: string; error: LoggedError }
    | { event: "alert_group.hop_failed"; delivery_id: string; error: LoggedError }
    | { event: "alert_group.channel_gone"; group_id: string }
    | { event: "alert_group.send_failed"; group_id: string; error: LoggedError }
    | { event: "alert_group.channel_read_failed"; channel_id: string; error: LoggedError }
    | { event: "alert_group.sync_failed"; error: LoggedError }
  );

type EventName = LogEvent["event"];
type Level = "info" | "warn" | "error";

const LEVELS: Record<EventName, Level> = {
  "monitor.status": "info",
  "alert.opened": "warn",
  "alert.closed": "info",
  "delivery.attempt": "info",
  "cron.run": "info",
  "cron.job_failed": "error",
  "sweep.woken": "warn",
  "sweep.repaired": "warn",
  "sweep.wake_failed": "error",
  "request.failed": "error",
  "d1_sync.failed": "error",
  "delivery.threw": "error",
  "liveness_report.failed": "error",
  "channel_cache.unreadable": "error",
  "ping_log.relaid": "error",
  "rate_limiter.failed": "error",
  "healthz.failed": "error",
  "route.unscoped": "error",
  "background.failed": "error",
  "create_on_ping.refused": "warn",
  "channel_failing.push_failed": "error",
  "alert_group.hop_failed": "error",
  "alert_group.channel_gone": "warn",
  "alert_group.send_failed": "error",
  "alert_group.channel_read_failed": "error",
  "alert_group.sync_failed": "error",
};

/** Writes one line. An error-level line goes to console.error, so tail and Workers Logs mark it as one. */
export function log(entry: LogEvent): void {
  const level = LEVELS[entry.event];
  const line = { level, ...entry };
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

export function loggedError(err: unknown): LoggedError {
  if (err instanceof Error) return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { name: "unknown", message: String(err) };
}

/**
 * A request's path as a line may show it: a ping's token (`/ping/<token>...`) and ping key
 * (`/ping/<key>/<slug>`) are credentials, so everything after `/ping/` is left out.
 */
export const safePath = (path: string): string => (path.startsWith("/ping/") ? "/ping/[redacted]" : path);
