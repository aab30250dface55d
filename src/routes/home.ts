import { type Context, Hono } from "hono";
import type { AppEnv } from "../app-env";

/**
 * `GET /`: what lubdub is and where to read on, until the dashboard lives here. A browser gets a small
 * page of links; anything else JSON, which keeps `status: "ok"` for health checks (the bench and the
 * test harness wait on `/` answering 2xx) and is still readable from curl. Touches no storage.
 */

/** Where a newcomer goes next. The README has no public address yet: it is named, not linked. */
const README = "README.md, at the root of lubdub's repository";

function links(c: Context<AppEnv>) {
  const origin = new URL(c.req.url).origin;
  return { docs: `${origin}/api/docs`, openapi: `${origin}/api/v1/openapi.json`, readme: README };
}

function page(docs: string, openapi: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>lubdub</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}</style></head>
<body><h1>lubdub</h1><p>A heartbeat monitor: it is running.</p><ul>
<li><a href="/app/monitors">Dashboard</a>: sign in with a team API key or the admin token.</li>
<li><a href="${docs}">API docs</a>: every operation of the admin API, readable.</li>
<li><a href="${openapi}">OpenAPI document</a>: the same, for clients and tools.</li>
<li>The ${README}: quick start, pings, channels, the CLI.</li>
</ul></body></html>`;
}

export const homeRoutes = new Hono<AppEnv>();

homeRoutes.get("/", (c) => {
  const { docs, openapi, readme } = links(c);
  c.header("Vary", "Accept");
  if (c.req.header("accept")?.includes("text/html")) return c.html(page(docs, openapi));
  return c.json({ name: "lubdub", status: "ok", docs, openapi, readme });
});
