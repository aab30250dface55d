import type { MonitorEvent } from "../domain/monitor";
import { log } from "../log";

/**
 * One log line per status change and per alert opened or closed, for events a transaction has committed
 * (never before: a rolled-back change did not happen). Notifications log themselves, per delivery attempt.
 */
export function logMonitorEvents(monitorId: string, events: readonly MonitorEvent[]): void {
  for (const event of events) {
    if (event.type === "status.changed") {
      log({ event: "monitor.status", monitor_id: monitorId, from: event.from, to: event.to });
    } else if (event.type === "alert.opened") {
      log({ event: "alert.opened", monitor_id: monitorId, alert_id: event.alert.id, reason: event.alert.reason });
    } else if (event.type === "alert.closed") {
      log({ event: "alert.closed", monitor_id: monitorId, alert_id: event.alert.id, close_reason: event.alert.closeReason });
    }
  }
}
