import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../app-env";
import { findBySlug } from "../db/monitors";
import { monitorStub } from "../do/stub";
import type { PingInput } from "../domain/ping";
import { parseSignal } from "../domain/signals";
import { ApiError } from "../errors";
import { monitorIdFromToken } from "../ids";
import { SLUG_PATTERN, SLUG_RULE } from "../schemas/monitor";
import { CREATE_ON_PING_OFF, createMonitorOnPing, type PingTarget } from "../services/create-on-ping";
import { type PingBody, readPingBody } from "./ping-body";
import { pingClient } from "./ping-client";

/**
 * The hot path, compatible with healthchecks.io clients: /ping/<token>[/start|/fail|/log|/<0-255>]
 * and /ping/<ping_key>/<slug>[/...], each with or without a trailing slash. A token names the monitor's
 * object directly: nothing here touches D1, and an unknown token reaches an object that finds no
 * configuration and writes nothing. Slug URLs need one D1 read to find the monitor.
 */
export const pingRoutes = new Hono<AppEnv>();

pingRoutes.use(cors({ origin: "*", allowMethods: ["GET", "HEAD", "POST", "OPTIONS"] }));
// A proxy or browser cache must never answer a ping in lubdub's place: the ping would be lost.
pingRoutes.use(async (c, next) => {
  await next();
  c.res.headers.set("Cache-Control", "no-cache");
});

const PING_KEY = /^[0-9a-f]{32}$/;
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFoundText = (c: Context<AppEnv>) => c.text("not found", 404);
const EMPTY_BODY: PingBody = { bytes: new Uint8Array(), size: 0, truncated: false };

function pingInput(c: Context<AppEnv>, suffix: string, body: PingBody): PingInput {
  const parsed = parseSignal(suffix);
  if (!parsed.ok) throw new ApiError("invalid_signal", parsed.error, [{ path: "signal", message: parsed.error }]);
  // UUIDs compare case-insensitively: a start sent as upper case pairs with an end in lower case.
  const runId = c.req.query("rid")?.toLowerCase() ?? null;
  if (runId !== null && !RUN_ID.test(runId))
    throw new ApiError("invalid_request", "rid must be a UUID", [{ path: "rid", message: "not a UUID" }]);
  return {
    signal: parsed.signal,
    runId,
    method: c.req.method,
    ...pingClient(c.req.raw.headers),
    body: body.bytes,
    size: body.size,
    truncated: body.truncated,
  };
}

/** Slugs are lower case in lubdub as in healthchecks.io; say why a slug can't match instead of a bare 404. */
function assertSlugShape(slug: string): void {
  if (SLUG_PATTERN.test(slug)) return;
  const message = SLUG_PATTERN.test(slug.toLowerCase()) ? `slugs are lower case: use "${slug.toLowerCase()}"` : SLUG_RULE;
  throw new ApiError("invalid_slug", message, [{ path: "slug", message }]);
}

/** The monitor a slug names, created on first use when the team allows it and the client asks (?create=1). */
async function resolveSlug(c: Context<AppEnv>, pingKey: string, slug: string): Promise<PingTarget | typeof CREATE_ON_PING_OFF | null> {
  const found = await findBySlug(c.env.DB, pingKey, slug);
  if (found) return { ...found, created: false };
  return c.req.query("create") === "1" ? createMonitorOnPing(c.env, pingKey, slug, Date.now()) : null;
}

/** `/ping/<a>[/<b>[/<c>]]`, one trailing slash allowed (`/ping/<token>/` is a plain success, as in healthchecks.io). */
function pathSegments(path: string): string[] | null {
  const rest = path.slice("/ping/".length);
  const segments = (rest.endsWith("/") ? rest.slice(0, -1) : rest).split("/");
  return segments.length <= 3 && segments.every((segment) => segment !== "") ? segments : null;
}

pingRoutes.on(["GET", "HEAD", "POST"], "/*", async (c) => {
  // Read a POST's body before anything can answer: a body left unread can break the next request.
  const body = c.req.method === "POST" ? await readPingBody(c.req.raw.body) : EMPTY_BODY;
  const [first = "", second, third] = pathSegments(c.req.path) ?? [];
  const monitorId = monitorIdFromToken(first);
  const bySlug = !monitorId && PING_KEY.test(first) && second !== undefined;
  if (!(monitorId && third === undefined) && !bySlug) return notFoundText(c);
  const input = pingInput(c, (bySlug ? third : second) ?? "", body);
  if (bySlug) assertSlugShape(second ?? "");
  const target = monitorId ? { id: monitorId, pingToken: first, created: false } : await resolveSlug(c, first, second ?? "");
  if (!target) return notFoundText(c);
  if (target === CREATE_ON_PING_OFF) return c.text(CREATE_ON_PING_OFF, 404);
  const accepted = await monitorStub(c.env, target.id).ping(target.pingToken, input);
  if (!accepted) return notFoundText(c);
  // healthchecks.io answers 201 when a ping created its check; its clients accept either.
  return target.created ? c.text("Created", 201) : c.text("OK");
});

// Only GET, HEAD and POST ping (as healthchecks.io documents); say so instead of a 404 that blames the token.
pingRoutes.all("/*", async (c) => {
  if (c.req.raw.body) await readPingBody(c.req.raw.body);
  c.header("Allow", "GET, HEAD, POST");
  return c.text("method not allowed", 405);
});
