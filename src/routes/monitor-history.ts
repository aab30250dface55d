import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { json } from "../api/contract";
import { errorResponses } from "../api/errors";
import { FlipPage, renderFlip, renderUptimePeriod, UptimeView } from "../api/flips";
import { toPage } from "../api/page";
import { scoped } from "../api/scopes";
import type { AppEnv } from "../app-env";
import { listFlips } from "../db/flips";
import { getMonitor } from "../db/monitors";
import type { Flip } from "../domain/flips";
import { idParams } from "../schemas/params";
import { flipListQuery, uptimeQuery } from "../schemas/queries";
import { monitorUptime } from "../services/history";
import { findOr404, pageArgs, teamIdOf } from "./lookup";

const tags = ["monitors"];

const flips = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/{id}/flips",
  summary: "A monitor's status history",
  description:
    "Every change of the status the monitor list shows (a flip), newest first: from, to, why, and the alert it opened or closed. A run on an up monitor (up, running, up) is not a change.",
  request: { params: idParams, query: flipListQuery },
  responses: { 200: json(FlipPage, "A page of the monitor's flips, newest first."), ...errorResponses(400, 404) },
});

const uptime = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/{id}/uptime",
  summary: "A monitor's uptime per day or month",
  description:
    "From its flips: per day or month in `tz`, the time monitored (up, late, running or down), the time down, and the time paused (not monitored). Maintenance windows are not subtracted. The current period counts up to now.",
  request: { params: idParams, query: uptimeQuery },
  responses: { 200: json(UptimeView, "Per period, oldest first."), ...errorResponses(400, 404) },
});

/** A monitor's history from D1's flips: `/api/v1/monitors/{id}/flips` and `/uptime`. */
export function monitorHistoryRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(flips, async (c) => {
    const teamId = teamIdOf(c);
    const record = await findOr404("monitor", c.req.valid("param").id, (id) => getMonitor(c.env.DB, teamId, id));
    const query = c.req.valid("query");
    const page = pageArgs(query);
    const filter = { teamId, monitorId: record.config.id, from: query.from ?? 0, to: query.to ?? Number.MAX_SAFE_INTEGER };
    const rows = await listFlips(c.env.DB, filter, page.after, page.fetch);
    return c.json(
      toPage(rows, page.limit, (f: Flip) => ({ at: f.at, id: f.id }), renderFlip),
      200,
    );
  });
  app.openapi(uptime, async (c) => {
    const teamId = teamIdOf(c);
    const record = await findOr404("monitor", c.req.valid("param").id, (id) => getMonitor(c.env.DB, teamId, id));
    const query = c.req.valid("query");
    const periods = await monitorUptime(c.env.DB, record, query, Date.now());
    return c.json({ period: query.period, tz: query.tz, data: periods.map(renderUptimePeriod) }, 200);
  });
  return app;
}
