import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { json, jsonRequest } from "../api/contract";
import { errorResponses } from "../api/errors";
import { scoped } from "../api/scopes";
import { renderTeam, TeamView } from "../api/team";
import type { AppEnv } from "../app-env";
import type { TeamRecord } from "../db/teams";
import { ApiError } from "../errors";
import { teamPatchInput } from "../schemas/team";
import { quotaOf } from "../services/limits";
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
  responses: { 200: json(TeamView, "The team as changed."), ...errorResponses(400, 403, 413) },
});

/** The team the request acts on (the key's own; the super-admin's selected one): `/api/v1/team`. */
export function teamRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const rendered = async (c: Context<AppEnv>, team: TeamRecord) => renderTeam(team, await quotaOf(c.env, team), originOf(c), mayPing(c));
  app.openapi(get, async (c) => c.json(await rendered(c, await teamOf(c.env.DB, teamIdOf(c))), 200));
  app.openapi(patch, async (c) => {
    const body = c.req.valid("json");
    if (body.limits !== undefined && c.get("principal").kind !== "super") {
      throw new ApiError("forbidden", "only the super-admin (ADMIN_TOKEN) changes a team's limits", [
        { path: "limits", message: "the super-admin only" },
      ]);
    }
    return c.json(await rendered(c, await updateTeam(c.env, teamIdOf(c), body, Date.now(), originOf(c))), 200);
  });
  return app;
}
