import type { MiddlewareHandler } from "hono";
import { randomBase32 } from "../ids";
import type { PageEnv } from "./page-env";

/**
 * The Content-Security-Policy of every page: nothing loads from anywhere but this worker, and a script runs
 * only if it carries this response's nonce (no inline handlers, no injected markup's scripts). Styles come
 * from the stylesheet only (no inline `style=`), so an injected attribute cannot restyle the page either.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");
}

/** Gives the response a fresh nonce and the policy naming it, and the headers every page wants. */
export function securePages(): MiddlewareHandler<PageEnv> {
  return async (c, next) => {
    const nonce = randomBase32(16);
    c.set("nonce", nonce);
    await next();
    c.header("Content-Security-Policy", contentSecurityPolicy(nonce));
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "same-origin");
    // Pages show a team's data: never from a shared cache, and not from the back button after sign-out.
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  };
}
