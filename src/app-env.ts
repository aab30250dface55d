import type { Context } from "hono";
import type { KeyScope } from "./db/api-keys";

/**
 * Who is calling an admin route, as the auth middleware resolved it, and the team the request acts on:
 * the key's own team, or for the ADMIN_TOKEN (the super-admin) the team `X-Lubdub-Team` names, by default
 * team_default.
 */
export type Principal = { kind: "super"; teamId: string } | { kind: "key"; keyId: string; teamId: string; scope: KeyScope };

/** Hono's environment for every route: the Worker bindings from `wrangler types`, and the caller. */
export interface AppEnv {
  Bindings: Env;
  Variables: { principal: Principal };
}

/**
 * What request-level helpers need of a context (bindings, the request, response headers, waitUntil), so
 * the API's and the dashboard's contexts, whose variables differ, can both call them.
 */
export type RequestContext = Pick<Context<{ Bindings: Env }>, "env" | "req" | "header" | "executionCtx">;
