import { saveTeamLimits } from "../db/limits";
import {
  DEFAULT_TEAM_ID,
  deleteEmptyTeam,
  getTeam,
  insertTeam,
  type StatusPageSetting,
  saveTeam,
  type TeamRecord,
  teamHasMonitors,
} from "../db/teams";
import { DEFAULT_ALERT_GROUPING } from "../domain/alert-group";
import { type LimitOverrides, NO_OVERRIDES } from "../domain/limits";
import { ApiError, invalidInput, notFound } from "../errors";
import { newBadgeKey, newPingKey, newStatusPageKey, newTeamId } from "../ids";
import type { TeamPatchInput } from "../schemas/team";
import { pushTeamSettings, requireChannels } from "./monitors";
import { forgetStatusPage } from "./status-page";

/** The team an authenticated request acts on (the auth middleware checked that it exists). */
export async function teamOf(db: D1Database, id: string): Promise<TeamRecord> {
  const team = await getTeam(db, id);
  if (!team) throw notFound("team");
  return team;
}

export async function createTeam(db: D1Database, name: string, now: number): Promise<TeamRecord> {
  const team: TeamRecord = {
    id: newTeamId(),
    name,
    pingKey: newPingKey(),
    badgeKey: newBadgeKey(),
    createOnPing: false,
    maintenance: [],
    defaultChannels: null,
    statusPage: null,
    limits: NO_OVERRIDES,
    alertGrouping: DEFAULT_ALERT_GROUPING,
  };
  await insertTeam(db, team, now);
  return team;
}

/** Deletes an empty team with its channels, keys and history. Refused while it has monitors, and for the default team. */
export async function removeTeam(db: D1Database, id: string): Promise<void> {
  await teamOf(db, id);
  if (id === DEFAULT_TEAM_ID) throw new ApiError("conflict", "the default team cannot be deleted");
  if (!(await deleteEmptyTeam(db, id))) {
    const message = (await teamHasMonitors(db, id)) ? "the team still has monitors: delete them first" : "the team was deleted meanwhile";
    throw new ApiError("conflict", message);
  }
}

/**
 * Applies a team patch: default channels must be the team's own, a rotated ping key is fresh, and changed
 * maintenance windows are pushed into every monitor of the team (D1 and object) before this returns.
 * `origin`: where the status page's URL starts, to drop an old one from the cache.
 */
export async function updateTeam(env: Env, teamId: string, patch: TeamPatchInput, now: number, origin: string): Promise<TeamRecord> {
  const team = await teamOf(env.DB, teamId);
  const defaultChannels = patch.default_channels === undefined ? team.defaultChannels : patch.default_channels;
  if (defaultChannels) {
    await requireChannels(
      env.DB,
      team.id,
      defaultChannels.map((id, i) => [`default_channels[${i}]`, id]),
    );
  }
  const updated: TeamRecord = {
    ...team,
    name: patch.name ?? team.name,
    createOnPing: patch.create_on_ping ?? team.createOnPing,
    pingKey: patch.rotate_ping_key ? newPingKey() : team.pingKey,
    badgeKey: patch.rotate_badge_key ? newBadgeKey() : team.badgeKey,
    maintenance: patch.maintenance ?? team.maintenance,
    defaultChannels,
    statusPage: statusPageAfter(team.statusPage, patch),
    alertGrouping: { ...team.alertGrouping, ...patch.alert_grouping },
  };
  await saveTeam(env.DB, updated);
  // Only the super-admin's requests carry limits (routes/team.ts refuses them from a team key).
  if (patch.limits) {
    await saveTeamLimits(env.DB, team.id, patch.limits);
    updated.limits = { ...team.limits, ...withoutUndefined(patch.limits) };
  }
  if (patch.maintenance || patch.alert_grouping) await pushTeamSettings(env, updated, now);
  // Off, rotated or retagged: the cached page must not outlive the change here.
  const before = team.statusPage;
  if (before && (before.key !== updated.statusPage?.key || before.tag !== updated.statusPage.tag))
    await forgetStatusPage(origin, before.key);
  return updated;
}

/**
 * The status page after a patch: `status_page` turns it on (a new key) or changes its tag (the same key), null
 * turns it off (the key is dropped); `rotate_status_page_key` gives a new key, and is refused while it is off.
 */
function statusPageAfter(current: StatusPageSetting | null, patch: TeamPatchInput): StatusPageSetting | null {
  const wanted = patch.status_page === undefined ? current : patch.status_page;
  if (patch.rotate_status_page_key && !wanted) {
    throw invalidInput("body", [{ path: "rotate_status_page_key", message: "the status page is off: turn it on with `status_page`" }]);
  }
  if (!wanted) return null;
  const key = current && !patch.rotate_status_page_key ? current.key : newStatusPageKey();
  return { key, tag: wanted.tag };
}

/** The limits a patch names (a key left out is undefined: that limit stays). */
const withoutUndefined = (changes: Partial<Record<keyof LimitOverrides, number | null | undefined>>): Partial<LimitOverrides> =>
  Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
