import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { ADMIN, JSON_BODY, json, jsonRequest } from "../api/contract";
import { errorResponses } from "../api/errors";
import { renderTeam, TeamView } from "../api/team";
import type { AppEnv } from "../app-env";
import { DEFAULT_TEAM_ID, getTeam, type TeamRecord, updateTeam } from "../db/teams";
import { notFound } from "../errors";
import { teamPatchInput } from "../schemas/team";
import { assertChannelsExist, pushTeamMaintenance } from "../services/monitors";

async function defaultTeam(db: D1Database): Promise<TeamRecord> {
  const team = await getTeam(db, DEFAULT_TEAM_ID);
  if (!team) throw notFound("team");
  return team;
}

const randomHex = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
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
    const team = await defaultTeam(c.env.DB);
    const input = c.req.valid("json");
    const defaultChannels = input.default_channels === undefined ? team.defaultChannels : input.default_channels;
    if (defaultChannels) {
      await assertChannelsExist(
        c.env.DB,
        defaultChannels.map((id, i) => [`default_channels[${i}]`, id]),
      );
    }
    const updated: TeamRecord = {
      ...team,
      createOnPing: input.create_on_ping ?? team.createOnPing,
      pingKey: input.rotate_ping_key ? randomHex() : team.pingKey,
      maintenance: input.maintenance ?? team.maintenance,
      defaultChannels,
    };
    await updateTeam(c.env.DB, updated);
    if (input.maintenance) await pushTeamMaintenance(c.env, updated, Date.now());
    return c.json(renderTeam(updated, origin(c.req.url)), 200);
  });
  return app;
}
