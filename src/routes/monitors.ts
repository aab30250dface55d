import { Hono } from "hono";
import { listAlertsResponse } from "../api/alerts";
import type { AppEnv } from "../app-env";
import { decodeCursor, toPage } from "../db/cursor";
import { getMonitor, listMonitors, type MonitorRecord } from "../db/monitors";
import type { MonitorSnapshot } from "../do/monitor-object";
import { monitorStub } from "../do/stub";
import type { MonitorConfig, MonitorStatus } from "../domain/monitor";
import { notFound } from "../errors";
import { isWellFormedId } from "../ids";
import { listQuery } from "../schemas/common";
import { monitorCreateInput, monitorPatchInput } from "../schemas/monitor";
import { nextExpectedTimes, renderConfig } from "../services/monitor-config";
import { createMonitor, removeMonitor, updateMonitor } from "../services/monitors";
import { iso } from "../time";
import { parseJsonBody, parseQuery } from "../validation";

interface LiveView {
  status: MonitorStatus;
  lastPingAt: number | null;
  nextDueAt: number | null;
}

export function renderMonitor(origin: string, config: MonitorConfig, live: LiveView, now: number) {
  return {
    ...renderConfig(config),
    next_expected_at: nextExpectedTimes(config, live.nextDueAt, now),
    status: live.status,
    ping_url: `${origin}/ping/${config.pingToken}`,
    last_ping_at: iso(live.lastPingAt),
    next_due_at: iso(live.nextDueAt),
    created_at: iso(config.createdAt),
    updated_at: iso(config.updatedAt),
  };
}

const origin = (url: string) => new URL(url).origin;

const renderSnapshot = (url: string, snapshot: MonitorSnapshot) =>
  renderMonitor(origin(url), snapshot.config, { ...snapshot.state, nextDueAt: snapshot.nextDueAt }, Date.now());

async function findMonitor(db: D1Database, id: string): Promise<MonitorRecord> {
  const record = isWellFormedId(id, "mon") ? await getMonitor(db, id) : null;
  if (!record) throw notFound("monitor");
  return record;
}

export const monitorRoutes = new Hono<AppEnv>();

monitorRoutes.post("/", async (c) => {
  const input = await parseJsonBody(c, monitorCreateInput);
  const snapshot = await createMonitor(c.env, input, Date.now());
  return c.json(renderSnapshot(c.req.url, snapshot), 201);
});

/** From D1: status, last ping and next due time as of each monitor's last status change. */
monitorRoutes.get("/", async (c) => {
  const query = parseQuery(c, listQuery);
  const rows = await listMonitors(c.env.DB, query.cursor ? decodeCursor(query.cursor) : null, query.limit + 1);
  const base = origin(c.req.url);
  return c.json(
    toPage(
      rows,
      query.limit,
      (r) => ({ at: r.config.createdAt, id: r.config.id }),
      (r) => renderMonitor(base, r.config, r, Date.now()),
    ),
  );
});

/** Live: from the monitor's own object. */
monitorRoutes.get("/:id", async (c) => {
  const record = await findMonitor(c.env.DB, c.req.param("id"));
  const snapshot = await monitorStub(c.env, record.config.id).snapshot();
  if (!snapshot) throw notFound("monitor");
  return c.json(renderSnapshot(c.req.url, snapshot));
});

monitorRoutes.patch("/:id", async (c) => {
  const record = await findMonitor(c.env.DB, c.req.param("id"));
  const patch = await parseJsonBody(c, monitorPatchInput);
  const snapshot = await updateMonitor(c.env, record, patch, Date.now());
  return c.json(renderSnapshot(c.req.url, snapshot));
});

monitorRoutes.delete("/:id", async (c) => {
  const record = await findMonitor(c.env.DB, c.req.param("id"));
  await removeMonitor(c.env, record.config.id);
  return c.body(null, 204);
});

for (const [action, enabled] of [
  ["pause", false],
  ["resume", true],
] as const) {
  monitorRoutes.post(`/:id/${action}`, async (c) => {
    const record = await findMonitor(c.env.DB, c.req.param("id"));
    const snapshot = await updateMonitor(c.env, record, { enabled }, Date.now());
    return c.json(renderSnapshot(c.req.url, snapshot));
  });
}

monitorRoutes.get("/:id/alerts", async (c) => {
  const record = await findMonitor(c.env.DB, c.req.param("id"));
  return listAlertsResponse(c, { monitor_id: record.config.id });
});
