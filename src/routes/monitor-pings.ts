import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { json } from "../api/contract";
import { errorResponses } from "../api/errors";
import { PingPage, renderPing } from "../api/pings";
import { scoped } from "../api/scopes";
import type { AppEnv } from "../app-env";
import { getMonitor } from "../db/monitors";
import { monitorStub } from "../do/stub";
import { notFound } from "../errors";
import { idParams, pingBodyParams } from "../schemas/params";
import { pingListQuery } from "../schemas/queries";
import { findOr404, originOf, teamIdOf } from "./lookup";

const findMonitorId = async (db: D1Database, teamId: string, id: string): Promise<string> =>
  (await findOr404("monitor", id, (id) => getMonitor(db, teamId, id))).config.id;

const tags = ["monitors"];

const list = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/{id}/pings",
  summary: "A monitor's ping log",
  description: "Newest first, kept in the monitor's own object (the last `ping_log_size` pings).",
  request: { params: idParams, query: pingListQuery },
  responses: { 200: json(PingPage, "A page of the ping log."), ...errorResponses(400, 404) },
});
const body = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/{id}/pings/{n}/body",
  summary: "A ping's body",
  description: "The body as received (its first 10 KB): text as text/plain, anything else as bytes. `x-truncated` says whether it was cut.",
  request: { params: pingBodyParams },
  responses: {
    200: {
      description: "The body.",
      headers: { "x-truncated": { description: "true when the body was longer than what is kept", schema: { type: "string" as const } } },
      content: {
        "text/plain": { schema: { type: "string" as const } },
        "application/octet-stream": { schema: { type: "string" as const, format: "binary" } },
      },
    },
    ...errorResponses(400, 404),
  },
});

/** A monitor's ping log, kept in its Durable Object: `/api/v1/monitors/{id}/pings`. */
export function monitorPingRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(list, async (c) => {
    const id = await findMonitorId(c.env.DB, teamIdOf(c), c.req.valid("param").id);
    const query = c.req.valid("query");
    const entries = await monitorStub(c.env, id).pings(query.cursor ?? null, query.limit + 1);
    if (!entries) throw notFound("monitor");
    const page = entries.slice(0, query.limit);
    const base = `${originOf(c)}/api/v1/monitors/${id}/pings`;
    const next = entries.length > query.limit ? String(page.at(-1)?.n ?? "") : null;
    return c.json({ data: page.map((entry) => renderPing(entry, base)), next_cursor: next }, 200);
  });
  app.openapi(body, async (c) => {
    const params = c.req.valid("param");
    const id = await findMonitorId(c.env.DB, teamIdOf(c), params.id);
    const entry = await monitorStub(c.env, id).pingEntry(params.n);
    if (!entry) throw notFound("ping");
    const headers = { "x-truncated": String(entry.truncated) };
    if (entry.bodyEncoding === "utf-8") return c.body(entry.body, 200, { ...headers, "content-type": "text/plain; charset=utf-8" });
    const bytes = Uint8Array.from(atob(entry.body), (ch) => ch.charCodeAt(0));
    return c.body(bytes, 200, { ...headers, "content-type": "application/octet-stream" });
  });
  return app;
}
