import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";
import { secretsEqual } from "./secrets";

/** Requires `Authorization: Bearer <ADMIN_TOKEN>` on every route it guards. */
export function requireAdminToken(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const expected = c.env.ADMIN_TOKEN;
    if (!expected) {
      throw new ApiError(503, "admin_token_unset", "ADMIN_TOKEN is not configured on this server");
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
    if (!match?.[1] || !(await secretsEqual(match[1], expected))) {
      c.header("WWW-Authenticate", 'Bearer realm="lubdub"');
      throw new ApiError(401, "unauthorized", "missing or invalid bearer token");
    }
    await next();
  };
}
