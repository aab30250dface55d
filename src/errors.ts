import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { log, loggedError, safePath } from "./log";

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
  "limit_reached",
  "payload_too_large",
  "rate_limited",
  "http_error",
  "admin_token_unset",
  "database_behind",
  "internal",
] as const;

type ErrorCode = (typeof ERROR_CODES)[number];

/** Each code's HTTP status: one table, exhaustive over the codes, so no call site pairs the two by hand. */
const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_signal: 400,
  invalid_slug: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // As healthchecks.io answers a create past the check limit: the request is understood and refused for this team.
  limit_reached: 403,
  payload_too_large: 413,
  rate_limited: 429,
  // Hono's own rejections (HTTPException) keep the status they carry; 400 when one is built here.
  http_error: 400,
  admin_token_unset: 503,
  database_behind: 503,
  internal: 500,
};

/** The one error type of the API. Every failure a client can see is one of these, as one JSON envelope. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new ApiError("not_found", `${what} not found`);

/**
 * The one way an input error is reported: `invalid body: a, b`, one detail per offending field ("body"
 * names the whole input, as it always has). `where` is body, query or path.
 */
export function invalidInput(where: string, details: ErrorDetail[]): ApiError {
  const fields = [...new Set(details.map((d) => d.path || "body"))].join(", ");
  return new ApiError("invalid_request", `invalid ${where}: ${fields}`, details);
}

/** Each request's id, decided once: the `x-request-id` header, the error envelope and the log lines all show it. */
const requestIds = new WeakMap<Request, string>();

/**
 * The id a user quotes when reporting an error, also in every log line of the request and in its
 * `x-request-id` header: Cloudflare's `cf-ray` (which its own logs and traces show), else a fresh one (local
 * development, tests). An incoming `x-request-id` is not taken: on Cloudflare `cf-ray` is always there and
 * unique, and an id the client chose could name another client's lines.
 */
export function requestIdOf(request: Request): string {
  let id = requestIds.get(request);
  if (id === undefined) {
    id = request.headers.get("cf-ray") ?? crypto.randomUUID();
    requestIds.set(request, id);
  }
  return id;
}

/** A request rebuilt from another (its body read and replaced) keeps the other's id. */
export function keepRequestId(from: Request, to: Request): Request {
  const id = requestIds.get(from);
  if (id !== undefined) requestIds.set(to, id);
  return to;
}

/** The error envelope (src/api/errors.ts documents it), shared with the token ping fast path. */
export const errorBody = (error: ApiError, requestId: string) => ({
  error: { code: error.code, message: error.message, details: error.details, request_id: requestId },
});

export function errorResponse(c: Context, error: ApiError, requestId = requestIdOf(c.req.raw)): Response {
  return c.json(errorBody(error, requestId), error.status);
}

/** One log line per unhandled error, with the request id the client was shown (and no ping token). */
export function logUnhandled(requestId: string, method: string, path: string, err: unknown): void {
  log({ event: "request.failed", request_id: requestId, method, path: safePath(path), error: loggedError(err) });
}

/**
 * What SQLite says (through D1) when the code reads or writes a table or column the database does not have yet
 * (`no such table: x`, `no such column: x`, `table x has no column named y`):
 * the migrations of this release were not applied. Any other error is not this one.
 */
const MISSING_SCHEMA = /\bno such (table|column)\b|\bhas no column named\b/i;

/** The migrations this release needs were not applied (e.g. a deploy without them): 503 with the command that fixes it. */
export const databaseBehind = () =>
  new ApiError(
    "database_behind",
    "the database is behind this release: run `npx wrangler d1 migrations apply DB --remote` (or `npm run deploy`, which applies them); locally `npm run dev` applies them",
  );

/**
 * Any failure as the ApiError the client is shown: itself, the database behind the code, or undefined (an
 * unexpected error: the caller logs it and answers 500). A database behind is logged too, loudly, once per request.
 */
export function knownError(err: unknown, requestId: string, method: string, path: string): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (!(err instanceof Error) || !MISSING_SCHEMA.test(err.message)) return undefined;
  logUnhandled(requestId, method, path, err);
  return databaseBehind();
}

/** Hono's onError: known errors keep their status; anything else is logged and reported without internals. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return errorResponse(c, err);
  if (err instanceof HTTPException) {
    const error = new ApiError("http_error", err.message || "request rejected");
    return c.json(errorBody(error, requestIdOf(c.req.raw)), err.status as ContentfulStatusCode);
  }
  const requestId = requestIdOf(c.req.raw);
  const known = knownError(err, requestId, c.req.method, c.req.path);
  if (!known) logUnhandled(requestId, c.req.method, c.req.path, err);
  return errorResponse(c, known ?? new ApiError("internal", "internal error"), requestId);
}
