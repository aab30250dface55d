import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";
import { limitFailedAuth, limitKey, refuseBlockedClient } from "./rate-limit";
import { secretsEqual } from "./secrets";

/** The rate-limit key of the ADMIN_TOKEN (until API keys come, the only key). */
const ADMIN_KEY_ID = "admin";

/** Requires `Authorization: Bearer <ADMIN_TOKEN>` on every route it guards, within the rate limits. */
export function requireAdminToken(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const expected = c.env.ADMIN_TOKEN;
    if (!expected) {
      throw new ApiError(503, "admin_token_unset", "ADMIN_TOKEN is not configured on this server");
    }
    refuseBlockedClient(c);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
    if (!match?.[1] || !(await secretsEqual(match[1], expected))) {
      await limitFailedAuth(c);
      c.header("WWW-Authenticate", 'Bearer realm="lubdub"');
      throw new ApiError(401, "unauthorized", "missing or invalid bearer token");
    }
    await limitKey(c, ADMIN_KEY_ID);
    await next();
  };
}
