import type { Context } from "hono";
import type { BodyData } from "hono/utils/body";
import { ApiError } from "../errors";
import type { PageEnv } from "./page-env";

/**
 * A posted form's fields, as every dashboard route reads them. A body that cannot be read as the form it
 * claims to be (a multipart body without its boundary, a truncated one) is the client's fault: 400, never
 * the 500 the parser's TypeError would become. Hono caches the parsed body, so reading it twice (the CSRF
 * check, then the route) parses once.
 */
export async function readForm(c: Context<PageEnv>, options: { all: true }): Promise<BodyData<{ all: true }>>;
export async function readForm(c: Context<PageEnv>): Promise<BodyData>;
export async function readForm(c: Context<PageEnv>, options?: { all: true }): Promise<BodyData | BodyData<{ all: true }>> {
  try {
    return options ? await c.req.parseBody(options) : await c.req.parseBody();
  } catch (err) {
    throw new ApiError("invalid_request", `the form could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}
