import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface ErrorDetail {
  /** The offending field, e.g. "interval" or "channels[0]"; empty for the body as a whole. */
  path: string;
  message: string;
}

/**
 * Every error code the API answers with (`error.code`): clients branch on these, so they are one closed
 * list, not strings made up where an error is thrown.
 */
export const ERROR_CODES = [
  "invalid_request",
  "invalid_json",
  "invalid_signal",
  "invalid_slug",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "rate_limited",
  "http_error",
  "admin_token_unset",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error type of the API. Every failure a client can see is one of these, as one JSON envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found`);

/**
 * The one way an input error is reported: `invalid body: a, b`, one detail per offending field ("body"
 * names the whole input, as it always has). `where` is body, query or path.
 */
export function invalidInput(where: string, details: ErrorDetail[]): ApiError {
  const fields = [...new Set(details.map((d) => d.path || "body"))].join(", ");
  return new ApiError(400, "invalid_request", `invalid ${where}: ${fields}`, details);
}

export function errorResponse(c: Context, error: ApiError): Response {
  return c.json({ error: { code: error.code, message: error.message, details: error.details } }, error.status);
}

/** Hono's onError: known errors keep their status; anything else is logged and reported without internals. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return errorResponse(c, err);
  if (err instanceof HTTPException) {
    return errorResponse(c, new ApiError(err.status as ContentfulStatusCode, "http_error", err.message || "request rejected"));
  }
  console.error("unhandled error", c.req.method, c.req.path, err);
  return errorResponse(c, new ApiError(500, "internal", "internal error"));
}
