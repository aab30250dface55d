import type { AlertEventPayload } from "../domain/alert-event";
import { newId } from "../ids";
import { iso } from "../time";

/**
 * The event `POST /channels/:id/test` sends: an alert.opened for a monitor that does not exist,
 * with fresh ids each time so a paging tool opens a new (test) incident rather than merging into a real one.
 * The builders add the "[TEST]" marking from the delivery context.
 */
export function testAlertEvent(now: number): AlertEventPayload {
  const interval = 300;
  return {
    type: "alert.opened",
    occurred_at: iso(now),
    alert: { id: newId("alt"), reason: "missed", opened_at: iso(now), closed_at: null, close_reason: null },
    monitor: {
      id: newId("mon"),
      name: "lubdub test",
      summary: "This is a test message from lubdub. No monitor is down.",
      status: "down",
      interval,
      schedule: null,
      timezone: null,
      grace: 0,
      last_ping_at: iso(now - interval * 1000),
      tags: [],
    },
  };
}
