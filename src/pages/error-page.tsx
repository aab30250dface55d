import type { Context } from "hono";
import { ApiError, errorResponse, knownError, logUnhandled, requestIdOf } from "../errors";
import type { Session } from "../services/sessions";
import { Layout } from "./layout";
import type { PageEnv } from "./page-env";

/**
 * A page's failure as a page: the API's error code and message (the same words), its status, and the
 * request id to quote. A script's request (Accept: application/json) gets the API's JSON envelope instead.
 */
export function pageError(err: Error, c: Context<PageEnv>): Response | Promise<Response> {
  const requestId = requestIdOf(c.req.raw);
  const known = knownError(err, requestId, c.req.method, c.req.path);
  if (!known) logUnhandled(requestId, c.req.method, c.req.path, err);
  const error = known ?? new ApiError("internal", "something went wrong on our side");
  if (c.req.header("accept")?.includes("application/json")) return errorResponse(c, error, requestId);
  const status = error.status;
  // Unset before requireSession() ran (the sign-in page): the error page then has no navigation.
  const session: Session | undefined = c.get("session");
  return c.html(
    <Layout title={`Error ${status}`} nonce={c.get("nonce") ?? ""} session={session}>
      <div class="notice bad" role="alert">
        <h1>{error.message}</h1>
        <p class="muted">
          {error.code} · request {requestId}
        </p>
        <p>
          <a href="/app/monitors">Back to the monitors</a>
        </p>
      </div>
    </Layout>,
    status,
  );
}
