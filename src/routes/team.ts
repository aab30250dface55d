import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import type { TeamRecord } from "../db/teams";
import { teamPatchInput } from "../schemas/team";
import { renderWindow } from "../services/monitor-config";
import { defaultTeam, updateTeam } from "../services/team";
import { parseJsonBody } from "../validation";

function render(team: TeamRecord, origin: string) {
  return {
    id: team.id,
    name: team.name,
    ping_key: team.pingKey,
    create_on_ping: team.createOnPing,
    slug_ping_url: `${origin}/ping/${team.pingKey}/<slug>`,
    maintenance: team.maintenance.map(renderWindow),
    default_channels: team.defaultChannels,
  };
}

/** The team that holds every monitor (one, until teams land). */
export const teamRoutes = new Hono<AppEnv>();

teamRoutes.get("/", async (c) => c.json(render(await defaultTeam(c.env.DB), new URL(c.req.url).origin)));

teamRoutes.patch("/", async (c) => {
  const updated = await updateTeam(c.env, await parseJsonBody(c, teamPatchInput), Date.now());
  return c.json(render(updated, new URL(c.req.url).origin));
});
