import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";

type OpenAPIRegistry = OpenAPIHono["openAPIRegistry"];

/** Where a team's badge URLs start; a monitor's is `<base>/<slug or id>.svg` (or `.json`). */
export const badgeBaseUrl = (origin: string, badgeKey: string): string => `${origin}/badge/${badgeKey}`;

/** The badge routes (routes/badge.ts) stay plain Hono and need no token: described here, by hand, like the ping routes. */

const badgeKey = z.string().meta({ description: "The team's badge key (32 hex digits; `badge_key` of GET /api/v1/team)." });
const STATES = "up, late, down, paused or new (a running job reads as up)";
const shieldsJson = z
  .object({ schemaVersion: z.literal(1), label: z.string(), message: z.string(), color: z.string() })
  .meta({ examples: [{ schemaVersion: 1, label: "nightly backup", message: "up", color: "brightgreen" }] });

const notFound = { description: "No such badge key, monitor, tag or format.", content: { "text/plain": { schema: z.string() } } };
const badge = (what: string) => ({
  description: `${what}. Cached for 60 seconds (Cache-Control: public, max-age=60).`,
  content: {
    "image/svg+xml": { schema: z.string().meta({ description: "An SVG badge (shields.io flat style)." }) },
    "application/json": { schema: shieldsJson },
  },
});

const FORMAT_NOTE =
  "`.svg` answers an SVG badge, `.json` the shields.io endpoint format (https://shields.io/badges/endpoint-badge). Statuses are as of each monitor's last status change.";

export function registerBadgePaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/badge/{badge_key}/{monitor}",
    tags: ["badges"],
    summary: "A monitor's status badge",
    description: `The monitor's name and status: ${STATES}. ${FORMAT_NOTE}`,
    security: [],
    request: {
      params: z.object({
        badge_key: badgeKey,
        monitor: z.string().meta({ description: "The monitor's slug or id, then `.svg` or `.json`.", examples: ["nightly-backup.svg"] }),
      }),
    },
    responses: { 200: badge("The badge"), 404: notFound },
  });
  registry.registerPath({
    method: "get",
    path: "/badge/{badge_key}/tag/{tag}",
    tags: ["badges"],
    summary: "A tag's status badge",
    description: `The tag and the worst status of its monitors (down, then late, then up; new or paused only when all are). ${FORMAT_NOTE}`,
    security: [],
    request: {
      params: z.object({
        badge_key: badgeKey,
        tag: z.string().meta({ description: "The tag, then `.svg` or `.json`.", examples: ["backup.svg"] }),
      }),
    },
    responses: { 200: badge("The badge"), 404: notFound },
  });
}
