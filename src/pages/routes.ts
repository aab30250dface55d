import { Hono } from "hono";
import { limitBody } from "../validation";
import { alertsRoutes } from "./alerts/alerts-page";
import { channelsRoutes } from "./channels/channels-routes";
import { securePages } from "./csp";
import { pageError } from "./error-page";
import { monitorDetailsRoutes } from "./monitor-details";
import { monitorFormRoutes } from "./monitor-form/routes";
import { monitorChangesRoutes } from "./monitors-changes";
import { monitorListRoutes } from "./monitors-list";
import type { PageEnv } from "./page-env";
import { requireSession } from "./session-middleware";
import { signInRoutes } from "./sign-in";
import { staticRoutes } from "./static";
import { teamRoutes } from "./team/team-routes";

/**
 * The dashboard, at /app: server-rendered pages (hono/jsx) over the same services as the API. Each area
 * is its own router, mounted here with one line. Pages are behind a session (sign-in.tsx) except the
 * sign-in page and the static files; every POST checks its CSRF token and the session's scope
 * (session-middleware.ts requireWrite).
 */
export function dashboardRoutes(): Hono<PageEnv> {
  const pages = new Hono<PageEnv>();
  pages.onError(pageError);
  pages.route("/static", staticRoutes);
  pages.use(securePages());
  pages.use(limitBody());
  pages.route("/", signInRoutes);
  pages.route("/monitors/changes", monitorChangesRoutes); // checks its session itself, with the change marker: one query
  pages.use(requireSession());
  pages.route("/monitors", monitorListRoutes);
  pages.get("/", (c) => c.redirect("/app/monitors", 303));
  pages.route("/", monitorFormRoutes);
  pages.route("/monitors", monitorDetailsRoutes);
  pages.route("/alerts", alertsRoutes);
  pages.route("/team", teamRoutes);
  pages.route("/channels", channelsRoutes);
  return pages;
}
