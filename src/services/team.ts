import { DEFAULT_TEAM_ID, getTeam, saveTeam, type TeamRecord } from "../db/teams";
import { notFound } from "../errors";
import { newPingKey } from "../ids";
import type { TeamPatchInput } from "../schemas/team";
import { assertChannelsExist, pushTeamMaintenance } from "./monitors";

/** The team that holds every monitor (one, until teams land). */
export async function defaultTeam(db: D1Database): Promise<TeamRecord> {
  const team = await getTeam(db, DEFAULT_TEAM_ID);
  if (!team) throw notFound("team");
  return team;
}

/**
 * Applies a team patch: default channels must exist, a rotated ping key is fresh, and changed
 * maintenance windows are pushed into every monitor of the team (D1 and object) before this returns.
 */
export async function updateTeam(env: Env, patch: TeamPatchInput, now: number): Promise<TeamRecord> {
  const team = await defaultTeam(env.DB);
  const defaultChannels = patch.default_channels === undefined ? team.defaultChannels : patch.default_channels;
  if (defaultChannels) {
    await assertChannelsExist(
      env.DB,
      defaultChannels.map((id, i) => [`default_channels[${i}]`, id]),
    );
  }
  const updated: TeamRecord = {
    ...team,
    createOnPing: patch.create_on_ping ?? team.createOnPing,
    pingKey: patch.rotate_ping_key ? newPingKey() : team.pingKey,
    maintenance: patch.maintenance ?? team.maintenance,
    defaultChannels,
  };
  await saveTeam(env.DB, updated);
  if (patch.maintenance) await pushTeamMaintenance(env, updated, now);
  return updated;
}
