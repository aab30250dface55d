import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env";
import { registerPingPaths } from "./ping-docs";

const DESCRIPTION = [
  "A heartbeat monitor (dead man's switch). Jobs ping their monitor's URL; when a ping is late, fails, or a run takes too long, an alert opens and the monitor's channels are notified.",
  'The admin API (/api/v1) needs `Authorization: Bearer <ADMIN_TOKEN>` and speaks JSON: a body is read as JSON whatever its content type (up to 64 KiB). Every error is `{"error":{"code","message","details":[{"path","message"}]}}`, each offending field named in `details`. Lists are pages: pass `next_cursor` back as `?cursor=`. Rate limits: 600 requests a minute per key, and 20 failed authentications a minute per client address (then every request from it, whatever its token, until the minute is over); past them, 429 `rate_limited` with `Retry-After`.',
  "The ping API (/ping) needs no token and answers text/plain, compatible with healthchecks.io clients.",
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
    { name: "team", description: "Settings shared by every monitor." },
    { name: "pings", description: "What jobs call. No token: the URL is the secret." },
  ],
};

/** Declares what the route declarations refer to but do not register: the bearer scheme and the ping routes. */
export function registerDocumentParts(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "The server's ADMIN_TOKEN.",
  });
  registerPingPaths(app.openAPIRegistry);
}

/** The OpenAPI 3.1 document of the whole app, built from its route declarations. */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  return app.getOpenAPI31Document(DOCUMENT);
}
