import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../app-env";
import { findBySlug } from "../db/monitors";
import { getTeamByPingKey } from "../db/teams";
import type { PingInput } from "../do/ping-input";
import { monitorStub } from "../do/stub";
import { MAX_BODY_BYTES, parseSignal } from "../domain/signals";
import { ApiError } from "../errors";
import { monitorIdFromToken } from "../ids";
import { monitorCreateInput, SLUG_PATTERN } from "../schemas/monitor";
import { createMonitor } from "../services/monitors";
import { validate } from "../validation";

/**
 * The hot path, compatible with healthchecks.io clients: /ping/<token>[/start|/fail|/log|/<0-255>]
 * and /ping/<ping_key>/<slug>[/...]. A token names the monitor's object directly: nothing here touches
 * D1, and an unknown token reaches an object that finds no configuration and writes nothing. Slug
 * URLs need one D1 read to find the monitor.
 */
export const pingRoutes = new Hono<AppEnv>();

pingRoutes.use(cors({ origin: "*", allowMethods: ["GET", "HEAD", "POST", "OPTIONS"] }));

const PING_KEY = /^[0-9a-f]{32}$/;
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFoundText = (c: Context<AppEnv>) => c.text("not found", 404);

/** Reads at most `limit` bytes: a job's long log tail is cut, never refused. */
async function readCapped(request: Request, limit: number): Promise<{ body: Uint8Array; truncated: boolean }> {
  if (!request.body) return { body: new Uint8Array(), truncated: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks.push(read.value);
    size += read.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      break;
    }
  }
  const body = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk.subarray(0, body.byteLength - offset), offset);
    offset += Math.min(chunk.byteLength, body.byteLength - offset);
  }
  return { body, truncated: size > limit };
}

async function pingInput(c: Context<AppEnv>, suffix: string): Promise<PingInput> {
  const parsed = parseSignal(suffix);
  if (!parsed.ok) throw new ApiError(400, "invalid_signal", parsed.error, [{ path: "signal", message: parsed.error }]);
  // UUIDs compare case-insensitively: a start sent as upper case pairs with an end in lower case.
  const runId = c.req.query("rid")?.toLowerCase() ?? null;
  if (runId !== null && !RUN_ID.test(runId))
    throw new ApiError(400, "invalid_request", "rid must be a UUID", [{ path: "rid", message: "not a UUID" }]);
  const { body, truncated } =
    c.req.method === "POST" ? await readCapped(c.req.raw, MAX_BODY_BYTES) : { body: new Uint8Array(), truncated: false };
  const ip = c.req.header("cf-connecting-ip") ?? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
  // A cut body's real size is what the client declared, when it did.
  const size = truncated ? Math.max(Number(c.req.header("content-length")) || 0, body.byteLength) : body.byteLength;
  return { signal: parsed.signal, runId, method: c.req.method, ip, userAgent: c.req.header("user-agent") ?? null, body, size, truncated };
}

/** The monitor a slug names, created on first use when the team allows it and the client asks (?create=1). */
async function resolveSlug(c: Context<AppEnv>, pingKey: string, slug: string): Promise<{ id: string; pingToken: string } | null> {
  const found = await findBySlug(c.env.DB, pingKey, slug);
  if (found || c.req.query("create") !== "1" || !SLUG_PATTERN.test(slug)) return found;
  const team = await getTeamByPingKey(c.env.DB, pingKey);
  if (!team?.createOnPing) return null;
  const input = validate(monitorCreateInput, { name: slug, slug, interval: "1d", grace: "1h" }, "monitor");
  try {
    const { config } = await createMonitor(c.env, input, Date.now());
    return { id: config.id, pingToken: config.pingToken };
  } catch (err) {
    // Two first pings at once: the other one created it.
    if (err instanceof ApiError && err.status === 409) return findBySlug(c.env.DB, pingKey, slug);
    throw err;
  }
}

pingRoutes.on(["GET", "HEAD", "POST"], ["/:first", "/:first/:second", "/:first/:second/:third"], async (c) => {
  const { first, second, third } = c.req.param() as { first: string; second?: string; third?: string };
  const monitorId = monitorIdFromToken(first);
  const bySlug = !monitorId && PING_KEY.test(first) && second !== undefined;
  if (!(monitorId && third === undefined) && !bySlug) return notFoundText(c);
  const input = await pingInput(c, (bySlug ? third : second) ?? "");
  const target = monitorId ? { id: monitorId, pingToken: first } : await resolveSlug(c, first, second ?? "");
  if (!target) return notFoundText(c);
  const accepted = await monitorStub(c.env, target.id).ping(target.pingToken, input);
  return accepted ? c.text("OK") : notFoundText(c);
});
