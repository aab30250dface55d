import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { json, jsonRequest } from "../api/contract";
import { errorResponses } from "../api/errors";
import { scoped } from "../api/scopes";
import { renderTeam, TeamView } from "../api/team";
import type { AppEnv } from "../app-env";
import { teamPatchInput } from "../schemas/team";
import { teamOf, updateTeam } from "../services/team";
import { mayPing, originOf, teamIdOf } from "./lookup";

const tags = ["team"];

const get = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/",
  summary: "Get the team",
  responses: {
    200: json(TeamView, "The team of the key (the super-admin: the team X-Lubdub-Team names, else team_default)."),
    ...errorResponses(),
  },
});
const patch = createRoute({
  ...scoped("write"),
  ...jsonRequest(teamPatchInput, "The fields to change."),
  tags,
  method: "patch",
  path: "/",
  summary: "Change the team",
  responses: { 200: json(TeamView, "The team as changed."), ...errorResponses(400, 413) },
});

/** The team the request acts on (the key's own; the super-admin's selected one): `/api/v1/team`. */
export function teamRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(get, async (c) => c.json(renderTeam(await teamOf(c.env.DB, teamIdOf(c)), originOf(c), mayPing(c)), 200));
  app.openapi(patch, async (c) => {
    const updated = await updateTeam(c.env, teamIdOf(c), c.req.valid("json"), Date.now(), originOf(c));
    return c.json(renderTeam(updated, originOf(c), mayPing(c)), 200);
  });
  return app;
}
