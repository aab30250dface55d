import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { getPath } from "hono/utils/url";
import { docsPage } from "./api/docs-page";
import { openApiDocument, registerDocumentParts } from "./api/openapi";
import { RouteScopes } from "./api/scopes";
import type { AppEnv } from "./app-env";
import { authorize } from "./auth";
import { errorResponse, handleError, notFound, requestIdOf } from "./errors";
import { dashboardRoutes } from "./pages/routes";
import { alertRoutes } from "./routes/alerts";
import { badgeRoutes } from "./routes/badge";
import { channelRoutes } from "./routes/channels";
import { deliveryRoutes } from "./routes/deliveries";
import { healthzRoutes } from "./routes/healthz";
import { homeRoutes } from "./routes/home";
import { keyRoutes } from "./routes/keys";
import { metricsRoutes, rootMetricsRoute } from "./routes/metrics";
import { monitorHistoryRoutes } from "./routes/monitor-history";
import { monitorPingRoutes } from "./routes/monitor-pings";
import { monitorRoutes } from "./routes/monitors";
import { pingRoutes } from "./routes/ping";
import { schedulePreviewRoutes } from "./routes/schedule-preview";
import { statusPageRoutes } from "./routes/status-page";
import { teamRoutes } from "./routes/team";
import { teamsRoutes } from "./routes/teams";
import { limitBody, validationHook } from "./validation";

/** `/api/v1`: every admin route, behind authentication, its declared scope and the body limit. */
function adminApi(scopes: RouteScopes): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.use(authorize(scopes));
  api.use(limitBody());
  api.route("/monitors", monitorRoutes());
  api.route("/monitors", monitorPingRoutes());
  api.route("/monitors", monitorHistoryRoutes());
  api.route("/channels", channelRoutes());
  api.route("/alerts", alertRoutes());
  api.route("/deliveries", deliveryRoutes());
  api.route("/team", teamRoutes());
  api.route("/teams", teamsRoutes());
  api.route("/", keyRoutes());
  api.route("/", metricsRoutes());
  api.route("/", schedulePreviewRoutes());
  return api;
}

/**
 * The path Hono routes on. The admin API takes a trailing slash as the ping routes do: `/api/v1/monitors/`
 * is `/api/v1/monitors`, for every method, with its authentication and scope. The same route answers,
 * rather than a redirect to it: a redirected POST or PATCH loses its body in many clients (301 and 302 turn
 * it into a GET). The ping routes read their own path (one trailing slash, routes/ping.ts).
 */
function routedPath(request: Request): string {
  const path = getPath(request);
  return path.startsWith("/api/") && path.length > "/api/".length && path.endsWith("/") ? path.slice(0, -1) : path;
}

/**
 * Every answer names its request: `x-request-id` is the id its error envelope and its log lines show
 * (errors.ts requestIdOf). Answers built elsewhere (a fetched or static response) have immutable headers:
 * such an answer is copied once to take it.
 */
const tagWithRequestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = requestIdOf(c.req.raw);
  await next();
  try {
    c.res.headers.set("x-request-id", id);
  } catch {
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set("x-request-id", id);
  }
};

/** The whole HTTP surface. Shared by the Worker entry point and the tests. */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook, getPath: routedPath });
  app.onError(handleError);
  app.use(tagWithRequestId);
  app.notFound((c) => (c.req.path.startsWith("/api/") ? errorResponse(c, notFound("route")) : c.text("not found", 404)));

  // Where to read on, and a cheap liveness check that touches no storage (the dev-server tests wait for it).
  app.route("/", homeRoutes);
  app.route("/", healthzRoutes);
  app.route("/ping", pingRoutes);
  app.route("/badge", badgeRoutes);
  app.route("/status", statusPageRoutes);
  app.route("/app", dashboardRoutes());

  // Public, like most services' documents: it describes the API and holds no data. Registered before
  // /api/v1, so the token check of the admin routes never runs for it. Built once, on first request.
  let document: ReturnType<typeof openApiDocument> | null = null;
  const theDocument = () => {
    document ??= openApiDocument(app);
    return document;
  };
  app.get("/api/v1/openapi.json", (c) => c.json(theDocument()));
  app.get("/api/docs", (c) => c.html(docsPage(theDocument(), new URL(c.req.url).origin)));

  // The middleware reads each route's scope from the declarations, which are complete only once mounted.
  const scopes = new RouteScopes();
  app.route("/api/v1", adminApi(scopes));
  // Where Prometheus looks by default: the same handler, scope and authorization as /api/v1/metrics.
  app.route("/", rootMetricsRoute(authorize(scopes)));
  scopes.load(app.openAPIRegistry);
  registerDocumentParts(app);
  return app;
}
