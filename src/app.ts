import { Hono } from "hono";
import type { AppEnv } from "./app-env";
import { requireAdminToken } from "./auth";
import { errorResponse, handleError, notFound } from "./errors";
import { alertRoutes } from "./routes/alerts";
import { channelRoutes } from "./routes/channels";
import { deliveryRoutes } from "./routes/deliveries";
import { monitorPingRoutes } from "./routes/monitor-pings";
import { monitorRoutes } from "./routes/monitors";
import { pingRoutes } from "./routes/ping";
import { teamRoutes } from "./routes/team";
import { limitBody } from "./validation";

/** The whole HTTP surface. Shared by the Worker entry point and the tests. */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound((c) => (c.req.path.startsWith("/api/") ? errorResponse(c, notFound("route")) : c.text("not found", 404)));

  // A cheap liveness check that touches no storage (the dev-server tests wait for it).
  app.get("/", (c) => c.json({ name: "lubdub", status: "ok" }));
  app.route("/ping", pingRoutes);

  const api = new Hono<AppEnv>();
  api.use(requireAdminToken());
  api.use(limitBody());
  api.route("/monitors", monitorRoutes);
  api.route("/monitors", monitorPingRoutes);
  api.route("/channels", channelRoutes);
  api.route("/alerts", alertRoutes);
  api.route("/deliveries", deliveryRoutes);
  api.route("/team", teamRoutes);
  app.route("/api/v1", api);
  return app;
}
