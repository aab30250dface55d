import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { ADMIN, JSON_BODY, json, jsonRequest } from "../api/contract";
import { errorResponses } from "../api/errors";
import { renderTeam, TeamView } from "../api/team";
import type { AppEnv } from "../app-env";
import { teamPatchInput } from "../schemas/team";
import { defaultTeam, updateTeam } from "../services/team";

const origin = (url: string) => new URL(url).origin;
const tags = ["team"];

const get = createRoute({
  ...ADMIN,
  tags,
  method: "get",
  path: "/",
  summary: "Get the team",
  responses: { 200: json(TeamView, "The team that holds every monitor."), ...errorResponses() },
});
const patch = createRoute({
  ...ADMIN,
  ...JSON_BODY,
  tags,
  method: "patch",
  path: "/",
  summary: "Change the team",
  request: jsonRequest(teamPatchInput, "The fields to change."),
  responses: { 200: json(TeamView, "The team as changed."), ...errorResponses(400, 413) },
});

/** The team that holds every monitor (one, until teams land): `/api/v1/team`. */
export function teamRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(get, async (c) => c.json(renderTeam(await defaultTeam(c.env.DB), origin(c.req.url)), 200));
  app.openapi(patch, async (c) => {
    const updated = await updateTeam(c.env, c.req.valid("json"), Date.now());
    return c.json(renderTeam(updated, origin(c.req.url)), 200);
  });
  return app;
}
