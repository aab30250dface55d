import { type Context, Hono } from "hono";
import type { AppEnv } from "../app-env";
import { getAlert, listAlerts } from "../db/alerts";
import { decodeCursor, toPage } from "../db/cursor";
import { listDeliveriesForAlert } from "../db/deliveries";
import type { Alert } from "../domain/monitor";
import { notFound } from "../errors";
import { isWellFormedId } from "../ids";
import { alertListQuery } from "../schemas/queries";
import { iso } from "../time";
import { parseQuery } from "../validation";
import { renderDelivery } from "./deliveries";

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

export const alertRoutes = new Hono<AppEnv>();

alertRoutes.get("/", (c) => listAlertsResponse(c));

async function findAlert(db: D1Database, id: string): Promise<Alert> {
  const alert = isWellFormedId(id, "alt") ? await getAlert(db, id) : null;
  if (!alert) throw notFound("alert");
  return alert;
}

alertRoutes.get("/:id", async (c) => c.json(renderAlert(await findAlert(c.env.DB, c.req.param("id")))));

alertRoutes.get("/:id/deliveries", async (c) => {
  const alert = await findAlert(c.env.DB, c.req.param("id"));
  const deliveries = await listDeliveriesForAlert(c.env.DB, alert.id);
  return c.json({ data: deliveries.map(renderDelivery) });
});
