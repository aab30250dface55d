import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { getMonitor } from "../db/monitors";
import type { PingEntry } from "../db/ping-log";
import { monitorStub } from "../do/stub";
import { notFound } from "../errors";
import { isWellFormedId } from "../ids";
import { pingListQuery } from "../schemas/queries";
import { iso } from "../time";
import { parseQuery, validate } from "../validation";

function renderPing(entry: PingEntry, bodyUrl: string) {
  return {
    n: entry.n,
    at: iso(entry.at),
    kind: entry.kind,
    exit_status: entry.exitStatus,
    method: entry.method,
    ip: entry.ip,
    user_agent: entry.userAgent,
    rid: entry.runId,
    duration: entry.durationMs === null ? null : entry.durationMs / 1000,
    body_size: entry.bodySize,
    truncated: entry.truncated,
    note: entry.note,
    body_url: `${bodyUrl}/${entry.n}/body`,
  };
}

async function findMonitorId(db: D1Database, id: string): Promise<string> {
  const record = isWellFormedId(id, "mon") ? await getMonitor(db, id) : null;
  if (!record) throw notFound("monitor");
  return record.config.id;
}

/** A monitor's ping log, kept in its Durable Object: `/monitors/:id/pings`. */
export const monitorPingRoutes = new Hono<AppEnv>();

monitorPingRoutes.get("/:id/pings", async (c) => {
  const id = await findMonitorId(c.env.DB, c.req.param("id"));
  const query = parseQuery(c, pingListQuery);
  const entries = await monitorStub(c.env, id).pings(query.cursor ?? null, query.limit + 1);
  if (!entries) throw notFound("monitor");
  const page = entries.slice(0, query.limit);
  const base = `${new URL(c.req.url).origin}/api/v1/monitors/${id}/pings`;
  return c.json({
    data: page.map((entry) => renderPing(entry, base)),
    next_cursor: entries.length > query.limit ? String(page.at(-1)?.n ?? "") : null,
  });
});

/** The body as received (its first 10 KB): text as text/plain, anything else as bytes. */
monitorPingRoutes.get("/:id/pings/:n/body", async (c) => {
  const id = await findMonitorId(c.env.DB, c.req.param("id"));
  const n = validate(z.coerce.number().int().min(1), c.req.param("n"), "path");
  const entry = await monitorStub(c.env, id).pingEntry(n);
  if (!entry) throw notFound("ping");
  const headers = { "x-truncated": String(entry.truncated) };
  if (entry.bodyEncoding === "utf-8") return c.body(entry.body, 200, { ...headers, "content-type": "text/plain; charset=utf-8" });
  const bytes = Uint8Array.from(atob(entry.body), (ch) => ch.charCodeAt(0));
  return c.body(bytes, 200, { ...headers, "content-type": "application/octet-stream" });
});
