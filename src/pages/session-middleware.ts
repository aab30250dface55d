import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { ApiError } from "../errors";
import { tokensEqual } from "../secrets";
import { findSession, SESSION_TTL_MS, type Session } from "../services/sessions";
import { readForm } from "./form-body";
import type { PageEnv } from "./page-env";

/** The cookie that carries a session's opaque id. */
export const SESSION_COOKIE = "lubdub_session";
/** The form field every POST of a page carries: the session's CSRF token. */
export const CSRF_FIELD = "_csrf";

const isHttps = (c: Context<PageEnv>) => new URL(c.req.url).protocol === "https:";

/** HttpOnly (no script reads it), SameSite=Strict (no other site's request carries it), Secure over https. */
export function setSessionCookie(c: Context<PageEnv>, session: Session): void {
  setCookie(c, SESSION_COOKIE, session.id, {
    httpOnly: true,
    sameSite: "Strict",
    secure: isHttps(c),
    path: "/",
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(c: Context<PageEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: isHttps(c) });
}

/**
 * Where the sign-in page sends the browser back to: only a page of this dashboard, never another site.
 * Resolved against a stand-in origin, so `//evil.example` or `/\evil.example` (which browsers treat as
 * another host) come out on another origin and are refused.
 */
export function safeNext(next: string | undefined): string {
  const fallback = "/app/monitors";
  if (!next?.startsWith("/app")) return fallback;
  const base = "http://dashboard.invalid";
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}`;
  return url.origin === base && (url.pathname === "/app" || url.pathname.startsWith("/app/")) ? path : fallback;
}

/**
 * Pages behind a session. Without a live one, a page is a redirect to the sign-in page (coming back here
 * afterwards); a script's request (Accept: application/json) gets a 401 it can act on.
 */
export function requireSession(): MiddlewareHandler<PageEnv> {
  return async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE);
    const session = id ? await findSession(c.env.DB, id, c.env.ADMIN_TOKEN, Date.now()) : null;
    if (!session) {
      if (id) clearSessionCookie(c);
      if (c.req.method !== "GET" || c.req.header("accept")?.includes("application/json")) {
        throw new ApiError("unauthorized", "your session has ended: sign in again");
      }
      const here = new URL(c.req.url);
      return c.redirect(`/app/sign-in?next=${encodeURIComponent(here.pathname + here.search)}`, 303);
    }
    c.set("session", session);
    await next();
    return undefined;
  };
}

/**
 * A request from another site: its Origin (sent by every browser on a POST) names a different origin. The
 * cookie is SameSite=Strict already; this refuses the rest (a sibling subdomain, an old browser).
 */
export function refuseCrossOrigin(c: Context<PageEnv>): void {
  const origin = c.req.header("origin");
  if (origin && origin !== "null" && origin !== new URL(c.req.url).origin) {
    throw new ApiError("forbidden", "this form was sent from another site");
  }
}

/** The form's CSRF token matches the session's. Sign-out goes through this too, not only writes. */
export async function checkCsrf(c: Context<PageEnv>): Promise<void> {
  refuseCrossOrigin(c);
  const form = await readForm(c);
  const given = form[CSRF_FIELD];
  if (typeof given !== "string" || !tokensEqual(given, c.get("session").csrf)) {
    throw new ApiError("forbidden", "this form has expired or did not come from this dashboard: reload the page and try again");
  }
}

/**
 * Every state-changing POST of a page: the CSRF token, then the session's right to write. A read key's
 * session is refused here, on the server, whatever buttons the page did or did not show.
 */
export function requireWrite(): MiddlewareHandler<PageEnv> {
  return async (c, next) => {
    await checkCsrf(c);
    if (c.get("session").scope === "read")
      throw new ApiError("forbidden", "this session is read-only: sign in with a write key to change anything");
    await next();
  };
}

export const canWrite = (session: Session): boolean => session.scope !== "read";
