import { type Context, Hono } from "hono";
import type { AppEnv } from "../app-env";
import { badgeMonitor, badgeTagStatuses } from "../db/badges";
import { BADGE_STATE, type BadgeState, badgeSvg, shieldsEndpoint, worstState } from "../domain/badge";
import { isWellFormedId } from "../ids";
import { SLUG_PATTERN, TAG_PATTERN } from "../schemas/monitor";

/**
 * Status badges, public like the ping routes (the badge key in the URL is the secret, and it only shows):
 * /badge/<badge_key>/<slug or id>.svg|.json and /badge/<badge_key>/tag/<tag>.svg|.json. Served from D1.
 * Anything unknown (key, monitor, tag, format) is a plain 404, the same for each, so a URL tells nothing
 * about which part is wrong.
 */
export const badgeRoutes = new Hono<AppEnv>();

/** Long enough to spare D1 when a README is viewed often, short enough that a badge is never far behind. */
const BADGE_MAX_AGE = 60;

const BADGE_KEY = /^[0-9a-f]{32}$/;
const FILE = /^(.+)\.(svg|json)$/;

const notFound = (c: Context<AppEnv>) => c.text("not found", 404, { "Cache-Control": "no-store" });

function answer(c: Context<AppEnv>, format: string, label: string, state: BadgeState): Response {
  c.header("Cache-Control", `public, max-age=${BADGE_MAX_AGE}`);
  if (format === "json") return c.json(shieldsEndpoint(label, state));
  return c.body(badgeSvg(label, state), 200, { "Content-Type": "image/svg+xml; charset=utf-8" });
}

badgeRoutes.get("/:key/tag/:file", async (c) => {
  const key = c.req.param("key");
  const [, tag = "", format = ""] = FILE.exec(c.req.param("file")) ?? [];
  if (!BADGE_KEY.test(key) || !TAG_PATTERN.test(tag)) return notFound(c);
  const state = worstState((await badgeTagStatuses(c.env.DB, key, tag)).map((status) => BADGE_STATE[status]));
  return state ? answer(c, format, tag, state) : notFound(c);
});

badgeRoutes.get("/:key/:file", async (c) => {
  const key = c.req.param("key");
  const [, name = "", format = ""] = FILE.exec(c.req.param("file")) ?? [];
  const by = isWellFormedId(name, "mon") ? { id: name } : SLUG_PATTERN.test(name) ? { slug: name } : null;
  if (!BADGE_KEY.test(key) || !by) return notFound(c);
  const monitor = await badgeMonitor(c.env.DB, key, by);
  return monitor ? answer(c, format, monitor.name, BADGE_STATE[monitor.status]) : notFound(c);
});
