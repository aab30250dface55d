import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { RouteScope, RouteScopes } from "./api/scopes";
import type { AppEnv, Principal, RequestContext } from "./app-env";
import { liveKeysWithPrefix, touchApiKey } from "./db/api-keys";
import { DEFAULT_TEAM_ID, getTeam } from "./db/teams";
import { ApiError, notFound, requestIdOf } from "./errors";
import { API_KEY_PATTERN, keyHash, keyPrefix } from "./keys";
import { log, loggedError } from "./log";
import { limitFailedAuth, limitKey, refuseBlockedClient } from "./rate-limit";
import { secretsEqual, tokensEqual } from "./secrets";

/** The super-admin picks the team it acts on with this header (a header keeps every query schema clean). */
const TEAM_HEADER = "X-Lubdub-Team";
/** `last_used_at` is written at most once a minute per key, not on every request. */
const LAST_USED_EVERY_MS = 60_000;

/** The rate-limit key of the ADMIN_TOKEN; a team key counts under its own id. */
const ADMIN_KEY_ID = "admin";

/** The header's expected form, named by every refusal so that the fix is in the message. */
const EXPECTED_FORM = "send `Authorization: Bearer <key>` with a team API key or the ADMIN_TOKEN";

/** Why the request carries no usable credential, or null when it carries a bearer token to check. */
function credentialProblem(header: string, token: string): string | null {
  if (header.trim() === "") return `missing Authorization header: ${EXPECTED_FORM}`;
  if (!token) return `malformed Authorization header: ${EXPECTED_FORM}`;
  return null;
}

/** A failed authentication: counted against the client's address (key guessing is bounded), then 401. */
async function unauthorized(
  c: RequestContext,
  message = "invalid bearer token: not a live API key nor the ADMIN_TOKEN",
): Promise<ApiError> {
  await limitFailedAuth(c);
  c.header("WWW-Authenticate", 'Bearer realm="lubdub"');
  return new ApiError("unauthorized", message);
}

/** Work that must not delay the answer but must not be lost silently either: after it when possible, logged on failure. */
function afterResponse(c: RequestContext, what: string, work: Promise<void>): Promise<void> {
  const logged = work.catch((err: unknown) =>
    log({ event: "background.failed", what, request_id: requestIdOf(c.req.raw), error: loggedError(err) }),
  );
  let ctx: RequestContext["executionCtx"] | null = null;
  try {
    ctx = c.executionCtx;
  } catch {
    // app.request() without an execution context (tests): run it before answering instead.
  }
  if (!ctx) return logged;
  ctx.waitUntil(logged);
  return Promise.resolve();
}

/** A team key's principal: its live row, found by prefix and matched by hash in constant time. */
async function keyPrincipal(c: RequestContext, key: string): Promise<Principal | null> {
  const hash = await keyHash(key);
  const candidates = await liveKeysWithPrefix(c.env.DB, keyPrefix(key));
  const found = candidates.find((candidate) => tokensEqual(candidate.hash, hash));
  if (!found) return null;
  const now = Date.now();
  if (found.lastUsedAt === null || now - found.lastUsedAt >= LAST_USED_EVERY_MS) {
    await afterResponse(c, "api key last_used_at", touchApiKey(c.env.DB, found.id, now, LAST_USED_EVERY_MS));
  }
  return { kind: "key", keyId: found.id, teamId: found.teamId, scope: found.scope };
}

/**
 * The caller a token names: a live team key, or the ADMIN_TOKEN; null for anything else. Shared by the
 * admin API's bearer check and the dashboard's sign-in, so both accept exactly the same credentials.
 * Throws 503 when the server has no ADMIN_TOKEN and the token is not a team key.
 */
export async function principalForToken(c: RequestContext, token: string): Promise<Principal | null> {
  if (API_KEY_PATTERN.test(token)) return keyPrincipal(c, token);
  const expected = c.env.ADMIN_TOKEN;
  if (!expected) throw new ApiError("admin_token_unset", "ADMIN_TOKEN is not configured on this server");
  if (token === "" || !(await secretsEqual(token, expected))) return null;
  return { kind: "super", teamId: DEFAULT_TEAM_ID };
}

/** The caller behind `Authorization: Bearer <ADMIN_TOKEN | team key>`; throws 401 (or 503 without ADMIN_TOKEN). */
async function principalOf(c: Context<AppEnv>): Promise<Principal> {
  const header = c.req.header("authorization") ?? "";
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? "";
  if (!API_KEY_PATTERN.test(token)) {
    if (!c.env.ADMIN_TOKEN) throw new ApiError("admin_token_unset", "ADMIN_TOKEN is not configured on this server");
    const problem = credentialProblem(header, token);
    if (problem) throw await unauthorized(c, problem);
  }
  const principal = await principalForToken(c, token);
  if (!principal) throw await unauthorized(c);
  return principal;
}

/** The team named by X-Lubdub-Team must exist; a key may name only its own (any other is not found, as its data is). */
async function selectTeam(c: Context<AppEnv>, principal: Principal): Promise<Principal> {
  const named = c.req.header(TEAM_HEADER);
  if (named === undefined || named === principal.teamId) return principal;
  if (principal.kind === "key" || !(await getTeam(c.env.DB, named))) throw notFound("team");
  return { ...principal, teamId: named };
}

function allows(principal: Principal, scope: RouteScope): boolean {
  if (principal.kind === "super") return true;
  return scope === "read" || (scope === "write" && principal.scope === "write");
}

/**
 * Authentication and authorisation of every admin route, from each route's declared scope: a route
 * declared without one is refused to everyone (the route matrix test fails on it).
 */
export function authorize(scopes: RouteScopes): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // An address past its failed-authentication limit is refused before any token is looked at.
    refuseBlockedClient(c);
    const principal = await selectTeam(c, await principalOf(c));
    await limitKey(c, principal.kind === "key" ? principal.keyId : ADMIN_KEY_ID);
    const route = matchedRoutes(c).findLast((r) => r.method !== "ALL");
    if (route) {
      const scope = scopes.of(route.method, route.path);
      if (scope === undefined) {
        log({ event: "route.unscoped", method: route.method, path: route.path, request_id: requestIdOf(c.req.raw) });
        throw new ApiError("internal", "this route declares no scope");
      }
      if (!allows(principal, scope)) {
        const needs = scope === "super" ? "the ADMIN_TOKEN" : "a write key";
        throw new ApiError("forbidden", `this route needs ${needs}`);
      }
    }
    c.set("principal", principal);
    await next();
  };
}
