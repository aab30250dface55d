import { monitorStub } from "../do/stub";
import { ApiError, errorBody, knownError, logUnhandled, requestIdOf } from "../errors";
import { monitorIdFromToken } from "../ids";
import { pingClient } from "./ping-client";

/**
 * The commonest ping, answered before Hono: `GET|HEAD /ping/<token>[/]` with no query. Same RPC and the
 * same answer as the Hono route (`routes/ping.ts`), in one `Response`: the router, its middlewares and
 * their extra Response and Headers objects were the largest cost of the ping path the Worker controls
 * (bench/PROFILE.md §4). Anything else (slugs, suffixes, a query, POST, OPTIONS, a malformed token)
 * returns null and goes to Hono, so every error keeps one format and one place.
 */

/** The path with no query (a query makes the match fail: `?` is not in the token's alphabet). */
const TOKEN_PATH = /^\/ping\/([a-z2-7]+)\/?$/;
const SUCCESS = { kind: "success", exitStatus: null } as const;
const EMPTY = new Uint8Array();

/** What the Hono route's middlewares put on every ping answer (a test compares the two paths). */
const headers = (requestId: string) => ({
  "content-type": "text/plain; charset=UTF-8",
  "x-request-id": requestId,
  "access-control-allow-origin": "*",
  // A proxy or browser cache must never answer a ping in lubdub's place: the ping would be lost.
  "cache-control": "no-cache",
});

/**
 * Null when the request is not a plain token ping. A failure (the object unreachable, say) answers what
 * Hono's error handler answers for the same request: logged, then 500 (503 when the database is behind) with the error envelope, so a
 * client sees one behaviour whichever path served it.
 */
export async function answerTokenPing(request: Request, env: Env): Promise<Response | null> {
  try {
    return await tokenPing(request, env);
  } catch (err) {
    const requestId = requestIdOf(request);
    const path = new URL(request.url).pathname;
    const known = knownError(err, requestId, request.method, path);
    if (!known) logUnhandled(requestId, request.method, path, err);
    const error = known ?? new ApiError("internal", "internal error");
    return Response.json(errorBody(error, requestId), {
      status: error.status,
      headers: { ...headers(requestId), "content-type": "application/json" },
    });
  }
}

/** The path and query of an absolute URL, without a `URL` object per ping (the runtime's URLs are normalised). */
function pathOf(url: string): string {
  const path = url.indexOf("/", url.indexOf("//") + 2);
  return path === -1 ? "/" : url.slice(path);
}

async function tokenPing(request: Request, env: Env): Promise<Response | null> {
  const { method } = request;
  if (method !== "GET" && method !== "HEAD") return null;
  const token = TOKEN_PATH.exec(pathOf(request.url))?.[1];
  const monitorId = token === undefined ? null : monitorIdFromToken(token);
  if (token === undefined || monitorId === null) return null;
  const input = { signal: SUCCESS, runId: null, method, ...pingClient(request.headers), body: EMPTY, size: 0, truncated: false };
  const accepted = await monitorStub(env, monitorId).ping(token, input);
  const text = accepted ? "OK" : "not found";
  return new Response(method === "HEAD" ? null : text, { status: accepted ? 200 : 404, headers: headers(requestIdOf(request)) });
}
