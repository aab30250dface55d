import { type Context, Hono } from "hono";
import type { AppEnv } from "../app-env";
import { renderNotFoundPage, renderStatusPage } from "../pages/status-page/page";
import { STATUS_PAGE_SCRIPT } from "../pages/status-page/refresh";
import { STATUS_PAGE_CSS } from "../pages/status-page/style";
import { statusPage, statusPageCacheKey } from "../services/status-page";

/**
 * The public status pages, /status/<status_page_key>: public like the badges (the key in the URL is the
 * secret, and it only shows), served from D1. An unknown key (never issued, turned off, rotated) is a 404
 * page, the same for each.
 */
export const statusPageRoutes = new Hono<AppEnv>();

/**
 * A minute, like the badges: a page open on many screens costs D1 once a minute per Cloudflare location
 * (caches.default, where the Cache API works: a custom domain, and workerd locally), and browsers keep it as long.
 * The price: a page turned off or rotated may still be served for up to a minute where it was cached.
 */
const MAX_AGE = 60;
const KEY = /^[0-9a-f]{32}$/;

/**
 * No form, no frame, and only this worker's own script and stylesheet: the page is cached and shared, so
 * its script is a fixed file (a nonce would be shared by every reader of the cached page).
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const PAGE_HEADERS = {
  "Content-Security-Policy": CSP,
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Robots-Tag": "noindex",
};

const notFound = (c: Context<AppEnv>) => c.html(renderNotFoundPage(), 404, { ...PAGE_HEADERS, "Cache-Control": "no-store" });

statusPageRoutes.get("/status.css", (c) =>
  c.body(STATUS_PAGE_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }),
);

statusPageRoutes.get("/refresh.js", (c) =>
  c.body(STATUS_PAGE_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" }),
);

statusPageRoutes.get("/:key", async (c) => {
  const key = c.req.param("key");
  if (!KEY.test(key)) return notFound(c);
  const cacheKey = statusPageCacheKey(new URL(c.req.url).origin, key);
  const cache = typeof caches === "undefined" ? null : caches.default;
  const hit = await cache?.match(cacheKey);
  if (hit) return hit;
  const now = Date.now();
  const data = await statusPage(c.env.DB, key, now);
  if (!data) return notFound(c);
  const response = c.html(renderStatusPage(data, now), 200, { ...PAGE_HEADERS, "Cache-Control": `public, max-age=${MAX_AGE}` });
  await cache?.put(cacheKey, response.clone());
  return response;
});
