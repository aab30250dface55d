import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import { errorResponses } from "../api/errors";
import { scoped } from "../api/scopes";
import type { AppEnv } from "../app-env";
import { METRICS_CONTENT_TYPE } from "../domain/metrics";
import { logUnhandled, requestIdOf } from "../errors";
import { metricsStream } from "../services/metrics-stream";
import { teamIdOf } from "./lookup";

/**
 * Prometheus metrics of the caller's team, from D1 only, streamed (services/metrics-stream.ts). Declared twice with the same handler: at
 * /api/v1/metrics with the other admin routes, and at /metrics where scrapers look by default. Both go
 * through the same authorization middleware and scope declaration (`read`: any key of the team).
 */
const metricsRoute = (path: string) =>
  createRoute({
    ...scoped("read"),
    tags: ["team"],
    method: "get",
    path,
    summary: "Prometheus metrics of the team's monitors",
    description:
      'The text exposition format: lubdub_monitor_up, lubdub_monitor_status{status}, lubdub_monitor_last_ping_timestamp_seconds, lubdub_monitor_last_duration_seconds (the last completed run, /start to its success or failure), lubdub_monitor_next_due_timestamp_seconds per monitor (labels monitor, slug, name, tags=",a,b,"), and lubdub_alerts_open. Status and next due time are as of each monitor\'s last status change; last ping and last duration are exact at each status change and otherwise less than LIVENESS_REPORT_SECONDS (default 300) behind.',
    responses: {
      200: { description: "The metrics.", content: { "text/plain": { schema: z.string() } } },
      ...errorResponses(),
    },
  });

/**
 * Declared in the registry like every route (the document, the scope), and answered by a plain handler: the
 * typed handler of `app.openapi` takes only a text body for text/plain, and this one is a stream.
 */
function register(app: OpenAPIHono<AppEnv>, path: string): void {
  app.openAPIRegistry.registerPath(metricsRoute(path));
  app.get(path, async (c) => {
    const logFailure = (err: unknown) => logUnhandled(requestIdOf(c.req.raw), c.req.method, c.req.path, err);
    const stream = await metricsStream(c.env.DB, teamIdOf(c), logFailure);
    return c.body(stream, 200, { "Content-Type": METRICS_CONTENT_TYPE });
  });
}

/** `/api/v1/metrics`, among the admin routes (behind their middleware). */
export function metricsRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  register(app, "/metrics");
  return app;
}

/** `/metrics` at the root, behind `guard` (the admin routes' authorization) for that path only. */
export function rootMetricsRoute(guard: MiddlewareHandler<AppEnv>): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.use("/metrics", guard);
  register(app, "/metrics");
  return app;
}
