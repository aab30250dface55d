import { z } from "zod";
import { ERROR_CODES } from "../errors";

/** The closed list of `error.code` values (src/errors.ts), as the document shows it. */
const ErrorCode = z.enum(ERROR_CODES).meta({
  id: "ErrorCode",
  description: "What went wrong, for clients to branch on. The list is closed: a new code is a change of this API.",
});

const ErrorDetailView = z
  .object({
    path: z.string().meta({ description: 'The offending field, e.g. "interval" or "channels[0]"; empty for the body as a whole.' }),
    message: z.string(),
  })
  .meta({ id: "ErrorDetail" });

/** Every 4xx and 5xx of the admin API, exactly this shape with every field present. */
export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string().meta({ examples: ["invalid body: interval, name"] }),
      details: z.array(ErrorDetailView),
      request_id: z.string().meta({
        description:
          "This request's id, also in the server's log line for it: Cloudflare's `cf-ray` when present. Quote it when reporting a problem.",
        examples: ["8f1e2d3c4b5a6978-AMS"],
      }),
    }),
  })
  .meta({ id: "Error" });

const WHEN = {
  400: "The request is invalid: a field (named in `details`), the JSON, the query or the cursor.",
  401: "Missing, wrong or revoked `Authorization: Bearer <ADMIN_TOKEN or team key>`.",
  403: "The key's scope does not allow this route (a read key on a write route; a team key on a super-admin route), or the team's limit does not allow this create (`limit_reached`: the message says which limit; the super-admin raises it).",
  404: "No such resource (a malformed id is not found either).",
  409: "The request conflicts with another resource (a slug already in use; a team that still has monitors).",
  413: "The body is larger than 64 KiB.",
  429: "Rate limited: too many requests with this key (600 a minute), or too many failed authentications from this address (20 a minute). `Retry-After` says when to try again.",
  503: "The server has no ADMIN_TOKEN configured (and no team key was presented), or its database is behind this release (`database_behind`: the message names the command that applies the migrations).",
} as const;
type ErrorStatus = keyof typeof WHEN;

interface ErrorResponse {
  description: string;
  headers?: Record<string, { description: string; schema: { type: "integer"; minimum: number } }>;
  content: { "application/json": { schema: typeof ErrorEnvelope } };
}

const RETRY_AFTER = {
  "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 1 } },
} as const;

/** The statuses every admin route can answer (src/auth.ts: the token and the rate limits). */
type EveryAdminRoute = 401 | 429 | 503;

/** The documented error answers of a route: 401, 429 and 503 (every admin route) plus the given ones. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S | EveryAdminRoute, ErrorResponse> {
  const all: ErrorStatus[] = [...new Set<ErrorStatus>([...statuses, 401, 429, 503])];
  const entries = all.map((status): [ErrorStatus, ErrorResponse] => [
    status,
    {
      description: WHEN[status],
      ...(status === 429 ? { headers: RETRY_AFTER } : {}),
      content: { "application/json": { schema: ErrorEnvelope } },
    },
  ]);
  return Object.fromEntries(entries) as Record<S | EveryAdminRoute, ErrorResponse>;
}
