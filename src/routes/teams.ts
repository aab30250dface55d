import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { json, jsonRequest, NO_CONTENT } from "../api/contract";
import { errorResponses } from "../api/errors";
import { KeyPage, NewKeyView, renderKey } from "../api/keys";
import { toPage } from "../api/page";
import { scoped } from "../api/scopes";
import { renderTeam, TeamView } from "../api/team";
import type { AppEnv } from "../app-env";
import { listApiKeys } from "../db/api-keys";
import { getTeam, listTeams, type TeamRecord } from "../db/teams";
import { notFound } from "../errors";
import { TEAM_ID_PATTERN } from "../ids";
import { listQuery } from "../schemas/common";
import { keyCreateInput, teamIdParams } from "../schemas/keys";
import { teamCreateInput, teamPatchInput } from "../schemas/team";
import { createApiKey } from "../services/api-keys";
import { quotaIn, quotaOf, quotasOf } from "../services/limits";
import { createTeam, removeTeam, updateTeam } from "../services/team";
import { mayPing, originOf, pageArgs } from "./lookup";

const tags = ["teams"];
const TeamList = z.object({ data: z.array(TeamView) }).meta({ id: "TeamList" });

/** The team a path names, as the caller may see it: a team key sees only its own team, the super-admin every team. */
async function pathTeam(c: Context<AppEnv>, id: string): Promise<TeamRecord> {
  const principal = c.get("principal");
  const visible = TEAM_ID_PATTERN.test(id) && (principal.kind === "super" || principal.teamId === id);
  const team = visible ? await getTeam(c.env.DB, id) : null;
  if (!team) throw notFound("team");
  return team;
}

const create = createRoute({
  ...scoped("super"),
  ...jsonRequest(teamCreateInput, "The new team."),
  tags,
  method: "post",
  path: "/",
  summary: "Create a team",
  description: "Then give it its first key: POST /teams/{id}/keys.",
  responses: { 201: json(TeamView, "The team, with its ping key."), ...errorResponses(400, 413) },
});
const list = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/",
  summary: "List teams",
  description: "The super-admin sees every team; a team key sees only its own.",
  responses: { 200: json(TeamList, "The teams, oldest first."), ...errorResponses() },
});
const patch = createRoute({
  ...scoped("super"),
  ...jsonRequest(teamPatchInput, "The fields to change.", { params: teamIdParams }),
  tags,
  method: "patch",
  path: "/{id}",
  summary: "Change a team",
  responses: { 200: json(TeamView, "The team as changed."), ...errorResponses(400, 404, 413) },
});
const remove = createRoute({
  ...scoped("super"),
  tags,
  method: "delete",
  path: "/{id}",
  summary: "Delete a team",
  description: "Refused (409) while the team has monitors, and for team_default. Its channels, keys and history go with it.",
  request: { params: teamIdParams },
  responses: { 204: NO_CONTENT, ...errorResponses(404, 409) },
});
const createKey = createRoute({
  ...scoped("write"),
  ...jsonRequest(keyCreateInput, "The key's name and scope.", { params: teamIdParams }),
  tags,
  method: "post",
  path: "/{id}/keys",
  summary: "Create an API key",
  description: "The answer holds the key itself: the only time it is shown.",
  responses: { 201: json(NewKeyView, "The key, shown once."), ...errorResponses(400, 403, 404, 413) },
});
const listKeys = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/{id}/keys",
  summary: "List a team's API keys",
  description: "Oldest first, revoked keys included. Never the keys themselves: their public prefixes.",
  request: { params: teamIdParams, query: listQuery },
  responses: { 200: json(KeyPage, "A page of keys."), ...errorResponses(400, 404) },
});

/** `/api/v1/teams`: teams (the super-admin) and each team's keys (its write keys too). */
export function teamsRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(create, async (c) => {
    const team = await createTeam(c.env.DB, c.req.valid("json").name, Date.now());
    return c.json(renderTeam(team, await quotaOf(c.env, team), originOf(c), mayPing(c)), 201);
  });
  app.openapi(list, async (c) => {
    const principal = c.get("principal");
    const teams = await listTeams(c.env.DB, principal.kind === "super" ? null : principal.teamId);
    const quotas = await quotasOf(c.env, teams);
    const render = (team: TeamRecord) => renderTeam(team, quotaIn(quotas, team.id), originOf(c), mayPing(c));
    return c.json({ data: teams.map(render) }, 200);
  });
  app.openapi(patch, async (c) => {
    const team = await pathTeam(c, c.req.valid("param").id);
    const updated = await updateTeam(c.env, team.id, c.req.valid("json"), Date.now(), originOf(c));
    return c.json(renderTeam(updated, await quotaOf(c.env, updated), originOf(c), mayPing(c)), 200);
  });
  app.openapi(remove, async (c) => {
    await removeTeam(c.env.DB, (await pathTeam(c, c.req.valid("param").id)).id);
    return c.body(null, 204);
  });
  app.openapi(createKey, async (c) => {
    const team = await pathTeam(c, c.req.valid("param").id);
    const { record, key } = await createApiKey(c.env, team.id, c.req.valid("json"), Date.now());
    return c.json({ ...renderKey(record), key }, 201);
  });
  app.openapi(listKeys, async (c) => {
    const team = await pathTeam(c, c.req.valid("param").id);
    const page = pageArgs(c.req.valid("query"));
    const rows = await listApiKeys(c.env.DB, team.id, page.after, page.fetch);
    return c.json(
      toPage(rows, page.limit, (k) => ({ at: k.createdAt, id: k.id }), renderKey),
      200,
    );
  });
  return app;
}
