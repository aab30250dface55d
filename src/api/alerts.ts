import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { listAlerts } from "../db/alerts";
import { decodeCursor, toPage } from "../db/cursor";
import type { Alert } from "../domain/monitor";
import { alertListQuery } from "../schemas/queries";
import { iso } from "../time";
import { parseQuery } from "../validation";

/** What the API shows of an alert: shared by /alerts and /monitors/:id/alerts. */
export function renderAlert(alert: Alert) {
  return {
    id: alert.id,
    monitor_id: alert.monitorId,
    status: alert.closedAt === null ? "open" : "closed",
    reason: alert.reason,
    opened_at: iso(alert.openedAt),
    closed_at: iso(alert.closedAt),
    close_reason: alert.closeReason,
  };
}

/** Newest first, a page at a time. `fixed` pins filters a route implies (a monitor's own alerts). */
export async function listAlertsResponse(c: Context<AppEnv>, fixed: { monitor_id?: string } = {}) {
  const query = parseQuery(c, alertListQuery);
  const monitorId = fixed.monitor_id ?? query.monitor_id;
  const rows = await listAlerts(c.env.DB, {
    status: query.status,
    monitorId,
    after: query.cursor ? decodeCursor(query.cursor) : null,
    limit: query.limit + 1,
  });
  return c.json(toPage(rows, query.limit, (a) => ({ at: a.openedAt, id: a.id }), renderAlert));
}
