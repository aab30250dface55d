import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";

async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

/** Compares secrets in constant time: both sides are hashed first so their lengths never leak either. */
export async function secretsEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** Constant-time comparison of two tokens of a fixed, public length (ping tokens). Synchronous. */
export function tokensEqual(given: string, expected: string): boolean {
  const encoder = new TextEncoder();
  const [a, b] = [encoder.encode(given), encoder.encode(expected)];
  return a.byteLength === b.byteLength && crypto.subtle.timingSafeEqual(a, b);
}

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
