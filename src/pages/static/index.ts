import { Hono } from "hono";
import { FAVICON, FAVICON_DOWN } from "./icons";
import { COPY_SCRIPT } from "./scripts/copy";
import { LIVE_DETAILS_SCRIPT } from "./scripts/live-details";
import { REFRESH_SCRIPT } from "./scripts/refresh";
import { SCHEDULE_PREVIEW_SCRIPT } from "./scripts/schedule-preview";
import { SELECT_ALL_SCRIPT } from "./scripts/select-all";
import { TZ_SCRIPT } from "./scripts/tz";
import { ADMIN_AREA_STYLES } from "./styles/admin-areas";
import { BASE_STYLES } from "./styles/base";
import { DETAILS_STYLES } from "./styles/details";
import { MONITOR_FORM_STYLES } from "./styles/monitor-form";
import { MONITORS_LIST_STYLES } from "./styles/monitors-list";

/**
 * Every byte the dashboard loads is served from here, by the worker (no CDN): one stylesheet, made of one
 * file per area, and one small script per feature. A page names the scripts it needs (layout.tsx).
 * Add an area's styles or a feature's script with one import and one entry below.
 */
const STYLESHEET = [BASE_STYLES, DETAILS_STYLES, MONITOR_FORM_STYLES, MONITORS_LIST_STYLES, ADMIN_AREA_STYLES].join("\n");

/** Client scripts by name (served at /app/static/<name>.js): plain ES2020, each a few hundred bytes. */
const SCRIPTS: Record<string, string> = {
  copy: COPY_SCRIPT,
  tz: TZ_SCRIPT,
  "schedule-preview": SCHEDULE_PREVIEW_SCRIPT,
  refresh: REFRESH_SCRIPT,
  "live-details": LIVE_DETAILS_SCRIPT,
  "select-all": SELECT_ALL_SCRIPT,
};

export const STYLESHEET_PATH = "/app/static/app.css";
export const scriptPath = (name: string): string => `/app/static/${name}.js`;

/** The whole client script, for the weight budget (issue 18: under 15 KB). */
export const clientScriptBytes = (): number =>
  Object.values(SCRIPTS).reduce((sum, source) => sum + new TextEncoder().encode(source).byteLength, 0);

const FILES: Record<string, { type: string; body: string }> = {
  "app.css": { type: "text/css; charset=utf-8", body: STYLESHEET },
  "favicon.svg": { type: "image/svg+xml", body: FAVICON },
  "favicon-down.svg": { type: "image/svg+xml", body: FAVICON_DOWN },
  ...Object.fromEntries(Object.entries(SCRIPTS).map(([name, body]) => [`${name}.js`, { type: "text/javascript; charset=utf-8", body }])),
};

/** `/app/static/:file`: public (the sign-in page needs them), cached for five minutes. */
export const staticRoutes = new Hono();
staticRoutes.get("/:file", (c) => {
  const name = c.req.param("file");
  const file = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (!file) return c.text("not found", 404);
  return c.body(file.body, 200, {
    "Content-Type": file.type,
    "Cache-Control": "public, max-age=300",
    "X-Content-Type-Options": "nosniff",
  });
});
