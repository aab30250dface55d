import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { listMarkerChange } from "../db/sessions";
import { ApiError } from "../errors";
import { findSessionWithMarker } from "../services/sessions";
import { faviconPath, pageTitle } from "./layout";
import { loadList, parseListRequest } from "./monitor-list-data";
import { MonitorRow } from "./monitor-row";
import { Counters } from "./monitors-list";
import type { PageEnv } from "./page-env";
import { canWrite, clearSessionCookie, SESSION_COOKIE } from "./session-middleware";

/**
 * `GET /app/monitors/changes?since=<marker>&<the list's filters and cursor>`: what the list's refresh script
 * (static/scripts/refresh.ts) polls. Mounted before requireSession(), because it checks the session itself
 * with the team's change marker in the same statement: an idle poll (nothing changed since the page's
 * marker) is that ONE D1 query and a 204. Otherwise: the new marker, title, icon and counters, the page's
 * monitor ids in order (rows that left the filter or were deleted go), and the rows changed since.
 */
export const monitorChangesRoutes = new Hono<PageEnv>();

monitorChangesRoutes.get("/", async (c) => {
  const id = getCookie(c, SESSION_COOKIE);
  const now = Date.now();
  const found = id ? await findSessionWithMarker(c.env.DB, id, c.env.ADMIN_TOKEN, now) : null;
  if (!found) {
    if (id) clearSessionCookie(c);
    // As requireSession(): the script (Accept: application/json) gets a 401 it reloads on; a browser, sign-in.
    if (c.req.header("accept")?.includes("application/json")) throw new ApiError("unauthorized", "your session has ended: sign in again");
    return c.redirect(`/app/sign-in?next=${encodeURIComponent("/app/monitors")}`, 303);
  }
  const { session, marker } = found;
  c.set("session", session);
  const since = c.req.query("since") ?? "";
  if (since === marker) return c.body(null, 204);
  const request = parseListRequest(c.req.url);
  const data = await loadList(c.env.DB, session.teamId, request, now);
  const changedAfter = listMarkerChange(since) ?? -1;
  const rows: Record<string, string> = {};
  for (const monitor of data.monitors) {
    if (monitor.record.changedAt <= changedAfter) continue;
    const row = <MonitorRow monitor={monitor} tagStatus={data.tagStatus} selectable={canWrite(session)} now={now} />;
    rows[monitor.record.config.id] = await row.toString();
  }
  const counters = <Counters data={data} search={request.search} />;
  return c.json({
    marker,
    title: pageTitle("Monitors", data.counts.down),
    favicon: faviconPath(data.counts.down),
    counters: await counters.toString(),
    ids: data.monitors.map((monitor) => monitor.record.config.id),
    /** Each tag on the page: its worst monitor now (a change elsewhere recolours chips of unchanged rows). */
    tags: Object.fromEntries(data.tagStatus),
    rows,
  });
});
