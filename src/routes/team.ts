import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { DEFAULT_TEAM_ID, getTeam, type TeamRecord, updateTeam } from "../db/teams";
import { notFound } from "../errors";
import { maintenanceWindows } from "../schemas/monitor";
import { renderWindow } from "../services/monitor-config";
import { pushTeamMaintenance } from "../services/monitors";
import { parseJsonBody } from "../validation";

const teamPatchInput = z.strictObject({
  /** Let `/ping/<ping_key>/<slug>?create=1` create a monitor for a slug it does not know. */
  create_on_ping: z.boolean().optional(),
  /** Issue a new ping key (the old slug URLs stop working). */
  rotate_ping_key: z.literal(true).optional(),
  /** Maintenance windows for every monitor of the team, replacing the team's current ones. */
  maintenance: maintenanceWindows.optional(),
});

function render(team: TeamRecord, origin: string) {
  return {
    id: team.id,
    name: team.name,
    ping_key: team.pingKey,
    create_on_ping: team.createOnPing,
    slug_ping_url: `${origin}/ping/${team.pingKey}/<slug>`,
    maintenance: team.maintenance.map(renderWindow),
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
  const updated: TeamRecord = {
    ...team,
    createOnPing: patch.create_on_ping ?? team.createOnPing,
    pingKey: patch.rotate_ping_key ? randomHex() : team.pingKey,
    maintenance: patch.maintenance ?? team.maintenance,
  };
  await updateTeam(c.env.DB, updated);
  if (patch.maintenance) await pushTeamMaintenance(c.env, updated, Date.now());
  return c.json(render(updated, new URL(c.req.url).origin));
});
