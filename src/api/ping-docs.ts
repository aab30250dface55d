import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { ErrorEnvelope } from "./errors";

type OpenAPIRegistry = OpenAPIHono["openAPIRegistry"];

/**
 * The ping routes (routes/ping.ts) stay plain Hono, answer text/plain and need no token: they are
 * registered here, by hand, so the one document describes them too.
 *
 * `/ping/<token>/<exit code>` and `/ping/<ping key>/<slug>` are one URL shape, told apart by the first
 * segment's shape, and OpenAPI 3.1 forbids two templated paths of the same hierarchy: they are documented
 * as one path, `/ping/{token_or_ping_key}/{exit_code_or_slug}`, with both meanings. Every other form has
 * a fixed suffix or a third segment, so it keeps its own path and names.
 */

const text = (description: string, example: string) => ({
  description,
  content: { "text/plain": { schema: z.string().meta({ examples: [example] }) } },
});

const TOKEN = "The monitor's ping token (52 characters, a-z and 2-7), from its `ping_url`.";
const PING_KEY = "The team's ping key (32 hex digits; `ping_key` of GET /api/v1/team).";
const SLUG = "The monitor's slug: 1-100 of a-z, 0-9, '-' and '_' (lower case).";
const EXIT_CODE = "The job's exit status, 0-255: 0 is a success, anything else a failure.";

const token = z.string().meta({ description: TOKEN });
const pingKey = z.string().meta({ description: PING_KEY });
const slug = z.string().meta({ description: SLUG });
const exitCode = z.string().meta({ description: EXIT_CODE, examples: ["0", "1"] });
const tokenOrPingKey = z.string().meta({ description: `A token or a ping key. Token: ${TOKEN} Ping key: ${PING_KEY}` });
const exitCodeOrSlug = z.string().meta({
  description: `After a token, an exit status: ${EXIT_CODE} After a ping key, a slug: ${SLUG}`,
  examples: ["0", "nightly-backup"],
});

const SIGNALS = {
  "": "Success: the job ran.",
  "/start": "The job started: a run timer starts (max_runtime), and the ping after it gives the run's duration.",
  "/fail": "The job failed: an alert opens (after failure_threshold failures).",
  "/log": "A log line: kept in the ping log, changes nothing.",
  "/{exit_code}": "The job ended with this exit status: 0 a success, 1-255 a failure.",
} as const;

const BODY_NOTE =
  "GET, HEAD and POST all ping. A POST body of any content type (the job's output; up to 100 KB kept: the head and the tail) is kept in the ping log and checked against the keywords. `?rid=<uuid>` pairs a /start with its end. A trailing slash is allowed.";
const SHARED_NOTE =
  "One URL shape, two meanings, told apart by the first segment's shape: `/ping/<token>/<exit status>` (the job ended with this exit status: 0 a success, 1-255 a failure) and `/ping/<ping key>/<slug>` (a success of the monitor with this slug). A slug named `start`, `fail` or `log` is pinged by this URL too, though a validator matches it to the token's fixed paths.";

/**
 * Any content type: the body is kept as bytes, whatever it says it is (curl's `-d` sends
 * application/x-www-form-urlencoded; `--data-binary` and most clients text/plain or octet-stream).
 */
const PING_BODY = {
  description: "Anything: the job's output, whatever its content type.",
  content: {
    // No schema: a validator reads a form-encoded body as fields, not text; to lubdub any body is bytes.
    "*/*": { schema: z.unknown().meta({ description: "The body's bytes, kept as they are (any content type)." }) },
  },
};

interface Form {
  /** The path, `{name}` for its parameters. */
  path: string;
  params: Record<string, z.ZodString>;
  summary: string;
  /** Whether the slug may be new (`?create=1`, answered 201). */
  creates: boolean;
  note: string;
}

function registerForm(registry: OpenAPIRegistry, { path, params, summary, creates, note }: Form): void {
  const query = z.object({
    rid: z.uuid().optional().meta({ description: "A run id, pairing a /start with the ping that ends it." }),
    ...(creates
      ? { create: z.literal("1").optional().meta({ description: "Create the monitor when the slug is new (if the team allows it)." }) }
      : {}),
  });
  for (const method of ["get", "head", "post"] as const) {
    registry.registerPath({
      method,
      path,
      tags: ["pings"],
      summary,
      description: note,
      security: [],
      request: { params: z.object(params), query, ...(method === "post" ? { body: PING_BODY } : {}) },
      responses: {
        200: text("Recorded.", "OK"),
        ...(creates ? { 201: text("Recorded, and the monitor created (?create=1).", "Created") } : {}),
        400: {
          description: "A malformed signal, exit status, run id or slug.",
          content: { "application/json": { schema: ErrorEnvelope } },
        },
        ...(creates
          ? {
              403: {
                description: "?create=1 for a new slug while the team is at its monitor limit (`limit_reached`): no monitor is created.",
                content: { "application/json": { schema: ErrorEnvelope } },
              },
            }
          : {}),
        404: text("No such monitor (or a wrong token).", "not found"),
      },
    });
  }
}

export function registerPingPaths(registry: OpenAPIRegistry): void {
  const bySlugNote = `${BODY_NOTE} The first segment's shape tells a ping key from a token.`;
  for (const [suffix, summary] of Object.entries(SIGNALS)) {
    if (suffix !== "/{exit_code}") {
      registerForm(registry, { path: `/ping/{token}${suffix}`, params: { token }, summary, creates: false, note: BODY_NOTE });
    }
    if (suffix !== "") {
      const params: Record<string, z.ZodString> = { ping_key: pingKey, slug };
      if (suffix === "/{exit_code}") params.exit_code = exitCode;
      registerForm(registry, { path: `/ping/{ping_key}/{slug}${suffix}`, params, summary, creates: true, note: bySlugNote });
    }
  }
  registerForm(registry, {
    path: "/ping/{token_or_ping_key}/{exit_code_or_slug}",
    params: { token_or_ping_key: tokenOrPingKey, exit_code_or_slug: exitCodeOrSlug },
    summary: "A token's exit status, or a slug's success",
    creates: true,
    note: `${SHARED_NOTE}\n\n${BODY_NOTE} \`?create=1\` applies to the slug form only.`,
  });
}
