import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { json, NO_CONTENT } from "../api/contract";
import { errorResponses } from "../api/errors";
import { MeView, renderMe } from "../api/keys";
import { scoped } from "../api/scopes";
import type { AppEnv } from "../app-env";
import { getApiKey } from "../db/api-keys";
import { idParams } from "../schemas/params";
import { revokeKey } from "../services/api-keys";
import { teamOf } from "../services/team";
import { findOr404 } from "./lookup";

const revoke = createRoute({
  ...scoped("write"),
  tags: ["teams"],
  method: "delete",
  path: "/keys/{id}",
  summary: "Revoke an API key",
  description: "At once: the next request with the key is refused (401). The key stays listed, with `revoked_at`.",
  request: { params: idParams },
  responses: { 204: NO_CONTENT, ...errorResponses(404) },
});
const me = createRoute({
  ...scoped("read"),
  tags: ["teams"],
  method: "get",
  path: "/me",
  summary: "Who am I",
  description: "The team and scope of the presented key; for the ADMIN_TOKEN, the team it acts on (X-Lubdub-Team).",
  responses: { 200: json(MeView, "The caller."), ...errorResponses() },
});

/** `/api/v1/keys/{id}` and `/api/v1/me`. */
export function keyRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(revoke, async (c) => {
    const principal = c.get("principal");
    // A team key revokes keys of its own team; the super-admin any key.
    const owner = principal.kind === "super" ? null : principal.teamId;
    const key = await findOr404("key", c.req.valid("param").id, (id) => getApiKey(c.env.DB, owner, id));
    await revokeKey(c.env.DB, key, Date.now());
    return c.body(null, 204);
  });
  app.openapi(me, async (c) => {
    const principal = c.get("principal");
    const key = principal.kind === "key" ? await getApiKey(c.env.DB, principal.teamId, principal.keyId) : null;
    return c.json(renderMe(principal, await teamOf(c.env.DB, principal.teamId), key), 200);
  });
  return app;
}
