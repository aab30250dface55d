import { Hono } from "hono";
import { listAlertsResponse, renderAlert } from "../api/alerts";
import { renderDelivery } from "../api/deliveries";
import type { AppEnv } from "../app-env";
import { getAlert } from "../db/alerts";
import { listDeliveriesForAlert } from "../db/deliveries";
import type { Alert } from "../domain/monitor";
import { notFound } from "../errors";
import { isWellFormedId } from "../ids";

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
