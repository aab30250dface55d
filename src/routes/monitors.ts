import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { AlertPage } from "../api/alerts";
import { badgeBaseUrl } from "../api/badge-docs";
import { json, jsonRequest, NO_CONTENT } from "../api/contract";
import { errorResponses } from "../api/errors";
import { MonitorPage, MonitorView, renderMonitor, type UrlBases } from "../api/monitors";
import { toPage } from "../api/page";
import { scoped } from "../api/scopes";
import type { AppEnv } from "../app-env";
import { getMonitor, listMonitors, type MonitorRecord } from "../db/monitors";
import type { MonitorSnapshot } from "../do/monitor-object";
import { monitorStub } from "../do/stub";
import { notFound } from "../errors";
import { monitorCreateInput, monitorPatchInput } from "../schemas/monitor";
import { idParams } from "../schemas/params";
import { alertListQuery, monitorListQuery } from "../schemas/queries";
import { createMonitor, removeMonitor, updateMonitor } from "../services/monitors";
import { teamOf } from "../services/team";
import { alertPage, findOr404, originOf, pageArgs, pingBaseFor, teamIdOf } from "./lookup";

const renderSnapshot = (bases: UrlBases, snapshot: MonitorSnapshot) =>
  renderMonitor(bases, snapshot.config, { ...snapshot.state, nextDueAt: snapshot.nextDueAt }, Date.now());

/** Where the view's URLs start: pings (none for a read key) and the team's badges. */
async function urlBases(c: Context<AppEnv>): Promise<UrlBases> {
  const team = await teamOf(c.env.DB, teamIdOf(c));
  return { ping: pingBaseFor(c), badge: badgeBaseUrl(originOf(c), team.badgeKey) };
}
const findMonitor = (db: D1Database, teamId: string, id: string): Promise<MonitorRecord> =>
  findOr404("monitor", id, (id) => getMonitor(db, teamId, id));

const tags = ["monitors"];
const one = (description: string) => json(MonitorView, description);

const create = createRoute({
  ...scoped("write"),
  ...jsonRequest(monitorCreateInput, "The new monitor."),
  tags,
  method: "post",
  path: "/",
  summary: "Create a monitor",
  responses: { 201: one("The monitor, with its ping URL."), ...errorResponses(400, 403, 409, 413) },
});
const list = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/",
  summary: "List monitors",
  description:
    "Oldest first. Status and next due time as of each monitor's last status change; last ping exact at each status change, else at most LIVENESS_REPORT_SECONDS (default 300) behind. `tag`, `status` and `q` narrow the list; a cursor continues the same filtered list.",
  request: { query: monitorListQuery },
  responses: { 200: json(MonitorPage, "A page of monitors."), ...errorResponses(400) },
});
const get = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/{id}",
  summary: "Get a monitor, live",
  request: { params: idParams },
  responses: { 200: one("The monitor, from its own object."), ...errorResponses(404) },
});
const patch = createRoute({
  ...scoped("write"),
  ...jsonRequest(monitorPatchInput, "The fields to change.", { params: idParams }),
  tags,
  method: "patch",
  path: "/{id}",
  summary: "Change a monitor",
  responses: { 200: one("The monitor as changed."), ...errorResponses(400, 403, 404, 409, 413) },
});
const remove = createRoute({
  ...scoped("write"),
  tags,
  method: "delete",
  path: "/{id}",
  summary: "Delete a monitor",
  request: { params: idParams },
  responses: { 204: NO_CONTENT, ...errorResponses(404) },
});
const setEnabled = (action: "pause" | "resume") =>
  createRoute({
    ...scoped("write"),
    tags,
    method: "post",
    path: `/{id}/${action}`,
    summary: action === "pause" ? "Pause a monitor (its open alert closes)" : "Resume a paused monitor",
    request: { params: idParams },
    responses: { 200: one("The monitor."), ...errorResponses(404) },
  });
const alerts = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/{id}/alerts",
  summary: "List a monitor's alerts",
  request: { params: idParams, query: alertListQuery },
  responses: { 200: json(AlertPage, "A page of the monitor's alerts, newest first."), ...errorResponses(400, 404) },
});

/** Creating, changing, pausing and deleting. */
function registerWrites(app: OpenAPIHono<AppEnv>): void {
  app.openapi(create, async (c) => {
    const snapshot = await createMonitor(c.env, teamIdOf(c), c.req.valid("json"), Date.now());
    return c.json(renderSnapshot(await urlBases(c), snapshot), 201);
  });
  app.openapi(patch, async (c) => {
    const record = await findMonitor(c.env.DB, teamIdOf(c), c.req.valid("param").id);
    const snapshot = await updateMonitor(c.env, record, c.req.valid("json"), Date.now());
    return c.json(renderSnapshot(await urlBases(c), snapshot), 200);
  });
  app.openapi(remove, async (c) => {
    const record = await findMonitor(c.env.DB, teamIdOf(c), c.req.valid("param").id);
    await removeMonitor(c.env, record.config.id);
    return c.body(null, 204);
  });
  for (const [action, enabled] of [
    ["pause", false],
    ["resume", true],
  ] as const) {
    app.openapi(setEnabled(action), async (c) => {
      const record = await findMonitor(c.env.DB, teamIdOf(c), c.req.valid("param").id);
      const snapshot = await updateMonitor(c.env, record, { enabled }, Date.now());
      return c.json(renderSnapshot(await urlBases(c), snapshot), 200);
    });
  }
}

/** The list (from D1), one monitor (live, from its object) and its alerts. */
function registerReads(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const query = c.req.valid("query");
    const page = pageArgs(query);
    const filter = { tags: query.tag, status: query.status, q: query.q };
    const rows = await listMonitors(c.env.DB, teamIdOf(c), filter, page.after, page.fetch);
    const bases = await urlBases(c);
    const keyOf = (r: MonitorRecord) => ({ at: r.config.createdAt, id: r.config.id });
    return c.json(
      toPage(rows, page.limit, keyOf, (r) => renderMonitor(bases, r.config, r, Date.now())),
      200,
    );
  });
  app.openapi(get, async (c) => {
    const record = await findMonitor(c.env.DB, teamIdOf(c), c.req.valid("param").id);
    const snapshot = await monitorStub(c.env, record.config.id).snapshot();
    if (!snapshot) throw notFound("monitor");
    return c.json(renderSnapshot(await urlBases(c), snapshot), 200);
  });
  app.openapi(alerts, async (c) => {
    const record = await findMonitor(c.env.DB, teamIdOf(c), c.req.valid("param").id);
    const query = c.req.valid("query");
    return c.json(
      await alertPage(c.env.DB, { teamId: record.teamId, status: query.status, monitorId: record.config.id }, pageArgs(query)),
      200,
    );
  });
}

/** `/api/v1/monitors`. */
export function monitorRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  registerWrites(app);
  registerReads(app);
  return app;
}
