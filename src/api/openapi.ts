import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env";
import { registerBadgePaths } from "./badge-docs";
import { registerPingPaths } from "./ping-docs";
import { type RouteScope, SCOPE_EXTENSION } from "./scopes";
import { registerStatusPagePath } from "./status-page-docs";

const DESCRIPTION = [
  "A heartbeat monitor (dead man's switch). Jobs ping their monitor's URL; when a ping is late, fails, or a run takes too long, an alert opens and the monitor's channels are notified.",
  "The admin API (/api/v1) needs `Authorization: Bearer <key>`: a team's API key (`lbd_…`, scope `read` or `write`, acting on its own team), or the server's ADMIN_TOKEN (the super-admin, acting on the team named by the `X-Lubdub-Team` header, by default `team_default`). Each operation names the scope it needs (`x-lubdub-scope`, and the bearer scheme's role): `read` (any key), `write` (a write key) or `super` (the ADMIN_TOKEN only). Another team's resources answer 404, as if they did not exist.",
  'It speaks JSON: send a body with `content-type: application/json` (up to 64 KiB). The server reads a body as JSON whatever its type, so `curl -d` alone works too, but proxies and validators go by the type. Every error is `{"error":{"code","message","details":[{"path","message"}]}}`, each offending field named in `details`. Lists are pages: pass `next_cursor` back as `?cursor=`. Rate limits: 600 requests a minute per key, and 20 failed authentications a minute per client address (then every request from it, whatever its token, until the minute is over); past them, 429 `rate_limited` with `Retry-After`.',
  "The ping API (/ping) needs no token and answers text/plain, compatible with healthchecks.io clients.",
  "Status badges (/badge) need no token either: the team's badge key in the URL shows statuses and names, nothing else.",
].join("\n\n");

/** The document's fixed parts; everything else comes from the route declarations. */
const DOCUMENT = {
  openapi: "3.1.0",
  info: { title: "lubdub", version: "1", description: DESCRIPTION },
  tags: [
    { name: "monitors", description: "What is watched, and its ping log." },
    { name: "channels", description: "Where alerts are sent." },
    { name: "alerts", description: "A monitor's down periods." },
    { name: "deliveries", description: "Each notification of each alert to each channel." },
    { name: "team", description: "Settings shared by every monitor of the team." },
    { name: "teams", description: "Teams and their API keys; who the caller is." },
    { name: "pings", description: "What jobs call. No token: the URL is the secret." },
    { name: "badges", description: "Status badges for READMEs and wikis. No token: the team's badge key shows statuses only." },
  ],
};

/** Declares what the route declarations refer to but do not register: the bearer scheme, the ping and badge routes. */
export function registerDocumentParts(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A team's API key (lbd_…), or the server's ADMIN_TOKEN. The role is the scope the operation needs.",
  });
  registerPingPaths(app.openAPIRegistry);
  registerBadgePaths(app.openAPIRegistry);
  registerStatusPagePath(app.openAPIRegistry);
}

const SCOPE_LINE: Record<RouteScope, string> = {
  read: "Scope: `read` (any key of the team, or the ADMIN_TOKEN).",
  write: "Scope: `write` (a write key of the team, or the ADMIN_TOKEN); a read key gets 403.",
  super: "Scope: `super` (the ADMIN_TOKEN only); a team key gets 403.",
};
const FORBIDDEN = {
  description: "The key's scope does not allow this operation.",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

type Document = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;

/** Each operation's declared scope, said in words too, with the 403 that a key of too small a scope gets. */
function describeScopes(document: Document): Document {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of [item.get, item.post, item.patch, item.put, item.delete]) {
      const scope: RouteScope | undefined = operation?.[SCOPE_EXTENSION];
      if (!operation || !scope) continue;
      operation.description = [operation.description, SCOPE_LINE[scope]].filter(Boolean).join("\n\n");
      // A route that declares its own 403 (a team limit, too) keeps its description.
      if (scope !== "read") operation.responses = { 403: FORBIDDEN, ...operation.responses };
    }
  }
  return document;
}

/** The OpenAPI 3.1 document of the whole app, built from its route declarations. */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  return describeScopes(app.getOpenAPI31Document(DOCUMENT));
}
