import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { DEFAULT_TEAM_ID, getTeam, type TeamRecord, updateTeam } from "../db/teams";
import { notFound } from "../errors";
import { teamPatchInput } from "../schemas/team";
import { renderWindow } from "../services/monitor-config";
import { assertChannelsExist, pushTeamMaintenance } from "../services/monitors";
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

async function defaultTeam(db: D1Database): Promise<TeamRecord> {
  const team = await getTeam(db, DEFAULT_TEAM_ID);
  if (!team) throw notFound("team");
  return team;
}

const randomHex = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

/** The team that holds every monitor (one, until teams land). */
export const teamRoutes = new Hono<AppEnv>();

teamRoutes.get("/", async (c) => c.json(render(await defaultTeam(c.env.DB), new URL(c.req.url).origin)));

teamRoutes.patch("/", async (c) => {
  const team = await defaultTeam(c.env.DB);
  const patch = await parseJsonBody(c, teamPatchInput);
  const defaultChannels = patch.default_channels === undefined ? team.defaultChannels : patch.default_channels;
  if (defaultChannels)
    await assertChannelsExist(
      c.env.DB,
      defaultChannels.map((id, i) => [`default_channels[${i}]`, id]),
    );
  const updated: TeamRecord = {
    ...team,
    createOnPing: patch.create_on_ping ?? team.createOnPing,
    pingKey: patch.rotate_ping_key ? randomHex() : team.pingKey,
    maintenance: patch.maintenance ?? team.maintenance,
    defaultChannels,
  };
  await updateTeam(c.env.DB, updated);
  if (patch.maintenance) await pushTeamMaintenance(c.env, updated, Date.now());
  return c.json(render(updated, new URL(c.req.url).origin));
});
