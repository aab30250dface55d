import { usageOfTeams, usedAndLimit } from "../db/limits";
import type { TeamRecord } from "../db/teams";
import {
  type CountedLimit,
  deploymentLimits,
  effectiveLimits,
  limitReachedMessage,
  pingLogLimitMessage,
  type TeamLimits,
  type TeamQuota,
} from "../domain/limits";
import { ApiError } from "../errors";

/** The deployment's default limits (its TEAM_MAX_* vars). */
export const defaultLimits = (env: Env): TeamLimits => deploymentLimits(env);

/** A team's limits as they apply now. */
export const limitsOfTeam = (env: Env, team: Pick<TeamRecord, "limits">): TeamLimits => effectiveLimits(team.limits, defaultLimits(env));

export const limitReached = (name: CountedLimit, max: number) => new ApiError("limit_reached", limitReachedMessage(name, max));

/**
 * Refuses (403 `limit_reached`) a create that the team's limit does not leave room for, before any work is
 * done. The insert checks again in the same statement (db/limits.ts), which settles two creates at once.
 */
export async function assertRoomFor(env: Env, teamId: string, name: CountedLimit): Promise<void> {
  const { used, max } = await usedAndLimit(env.DB, teamId, name, defaultLimits(env)[name]);
  if (used >= max) throw limitReached(name, max);
}

/**
 * Inserts through `insert`, given the deployment's default for its SQL; false means the team reached its limit
 * meanwhile (another create took the last slot): refused like assertRoomFor, with nothing written.
 */
export async function insertWithinLimit(
  env: Env,
  teamId: string,
  name: CountedLimit,
  insert: (maxDefault: number) => Promise<boolean>,
): Promise<void> {
  const maxDefault = defaultLimits(env)[name];
  if (await insert(maxDefault)) return;
  throw limitReached(name, (await usedAndLimit(env.DB, teamId, name, maxDefault)).max);
}

/** A monitor's ping log may not be set larger than its team allows (a size set before a lower limit stays until changed). */
export function assertPingLogAllowed(env: Env, team: Pick<TeamRecord, "limits">, pingLogSize: number): void {
  const max = limitsOfTeam(env, team).ping_log_size;
  if (pingLogSize <= max) return;
  const message = pingLogLimitMessage(max);
  throw new ApiError("limit_reached", `ping_log_size: ${message}`, [{ path: "ping_log_size", message }]);
}

/** Each team's limits and usage, for the team views: one batch of counts, whatever the number of teams. */
export async function quotasOf(env: Env, teams: TeamRecord[]): Promise<Map<string, TeamQuota>> {
  const usage = await usageOfTeams(
    env.DB,
    teams.map((team) => team.id),
  );
  const zero = { monitors: 0, channels: 0, api_keys: 0 };
  return new Map(teams.map((team) => [team.id, { limits: limitsOfTeam(env, team), usage: usage.get(team.id) ?? zero }]));
}

/** A team's entry of quotasOf's answer (every team asked for has one). */
export function quotaIn(quotas: Map<string, TeamQuota>, teamId: string): TeamQuota {
  const quota = quotas.get(teamId);
  if (!quota) throw new Error(`no quota computed for team ${teamId}`);
  return quota;
}

/** One team's limits and usage. */
export const quotaOf = async (env: Env, team: TeamRecord): Promise<TeamQuota> => quotaIn(await quotasOf(env, [team]), team.id);
