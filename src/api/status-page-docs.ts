import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";

type OpenAPIRegistry = OpenAPIHono["openAPIRegistry"];

/** The public status page (routes/status-page.ts) is plain Hono and needs no token: described here, by hand, like the badges. */
export function registerStatusPagePath(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/status/{status_page_key}",
    tags: ["badges"],
    summary: "A team's public status page",
    description:
      "An HTML page of the monitors with the team's chosen tag: names, statuses in words and colour, and a 90-day strip (UTC days) with uptime. Never ping URLs, bodies or channels. Off by default: `status_page` of PATCH /api/v1/team turns it on and gives its URL.",
    security: [],
    request: {
      params: z.object({
        status_page_key: z.string().meta({ description: "32 hex digits: the key in `status_page.url` of GET /api/v1/team." }),
      }),
    },
    responses: {
      200: {
        description: "The page. Cached for 60 seconds (Cache-Control: public, max-age=60, and the Cache API where it runs).",
        content: { "text/html": { schema: z.string() } },
      },
      404: { description: "No such page: never issued, turned off, or rotated.", content: { "text/html": { schema: z.string() } } },
    },
  });
}
