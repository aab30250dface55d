import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { ErrorEnvelope } from "./errors";

type OpenAPIRegistry = OpenAPIHono["openAPIRegistry"];

/**
 * The ping routes (routes/ping.ts) stay plain Hono, answer text/plain and need no token: they are
 * registered here, by hand, so the one document describes them too.
 */

const text = (description: string, example: string) => ({
  description,
  content: { "text/plain": { schema: z.string().meta({ examples: [example] }) } },
});

const token = z.string().meta({ description: "The monitor's ping token (52 characters, a-z and 2-7), from its `ping_url`." });
const pingKey = z.string().meta({ description: "The team's ping key (32 hex digits; `ping_key` of GET /api/v1/team)." });
const slug = z.string().meta({ description: "The monitor's slug: 1-100 of a-z, 0-9, '-' and '_' (lower case)." });
const exitCode = z
  .string()
  .meta({ description: "The job's exit status, 0-255: 0 is a success, anything else a failure.", examples: ["0", "1"] });

const SIGNALS = {
  "": "Success: the job ran.",
  "/start": "The job started: a run timer starts (max_runtime), and the ping after it gives the run's duration.",
  "/fail": "The job failed: an alert opens (after failure_threshold failures).",
  "/log": "A log line: kept in the ping log, changes nothing.",
  "/{exit_code}": "The job ended with this exit status: 0 a success, 1-255 a failure.",
} as const;

const BODY_NOTE =
  "GET, HEAD and POST all ping. A POST body (up to 100 KB kept: the head and the tail) is kept in the ping log and checked against the keywords. `?rid=<uuid>` pairs a /start with its end. A trailing slash is allowed.";

function registerForm(registry: OpenAPIRegistry, base: string, params: Record<string, z.ZodString>, bySlug: boolean): void {
  for (const [suffix, summary] of Object.entries(SIGNALS)) {
    const path = `${base}${suffix}`;
    const pathParams = z.object(suffix.includes("exit_code") ? { ...params, exit_code: exitCode } : params);
    const query = z.object({
      rid: z.uuid().optional().meta({ description: "A run id, pairing a /start with the ping that ends it." }),
      ...(bySlug
        ? { create: z.literal("1").optional().meta({ description: "Create the monitor when the slug is new (if the team allows it)." }) }
        : {}),
    });
    for (const method of ["get", "head", "post"] as const) {
      registry.registerPath({
        method,
        path,
        tags: ["pings"],
        summary,
        description: `${BODY_NOTE}${bySlug ? " The first segment's shape tells a ping key from a token." : ""}`,
        security: [],
        request: {
          params: pathParams,
          query,
          ...(method === "post"
            ? { body: { content: { "text/plain": { schema: z.string() } }, description: "Anything: the job's output." } }
            : {}),
        },
        responses: {
          200: text("Recorded.", "OK"),
          ...(bySlug ? { 201: text("Recorded, and the monitor created (?create=1).", "Created") } : {}),
          400: {
            description: "A malformed signal, exit status, run id or slug.",
            content: { "application/json": { schema: ErrorEnvelope } },
          },
          404: text("No such monitor (or a wrong token).", "not found"),
        },
      });
    }
  }
}

export function registerPingPaths(registry: OpenAPIRegistry): void {
  registerForm(registry, "/ping/{token}", { token }, false);
  registerForm(registry, "/ping/{ping_key}/{slug}", { ping_key: pingKey, slug }, true);
}
