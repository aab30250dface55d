import { oldestChannelIds, teamChannels } from "../db/channels";
import { findBySlug } from "../db/monitors";
import { getTeamByPingKey } from "../db/teams";
import { ApiError } from "../errors";
import { MAX_CHANNELS_PER_LIST } from "../schemas/common";
import { monitorCreateInput } from "../schemas/monitor";
import { validate } from "../validation";
import { createMonitor } from "./monitors";

/** A monitor a ping created, or found (when another first ping created it a moment earlier). */
export interface PingTarget {
  id: string;
  pingToken: string;
  created: boolean;
}

/**
 * Creates the monitor an unknown slug names (`/ping/<ping_key>/<slug>?create=1`), when the team allows
 * it: daily, one hour of grace, and the team's default channels (all of them unless it named some), so
 * a monitor nobody configured still alerts somebody. Null when the team does not allow it.
 */
export async function createMonitorOnPing(env: Env, pingKey: string, slug: string, now: number): Promise<PingTarget | null> {
  const team = await getTeamByPingKey(env.DB, pingKey);
  if (!team?.createOnPing) return null;
  // A default channel deleted since it was chosen is skipped, not an error for the job that pinged.
  // The team's own channels only: a team's defaults were checked against it, and "every channel" is the team's.
  const named = team.defaultChannels ?? (await oldestChannelIds(env.DB, team.id, MAX_CHANNELS_PER_LIST));
  const existing = new Set((await teamChannels(env.DB, team.id, named)).map((channel) => channel.id));
  const channels = named.filter((id) => existing.has(id));
  const input = validate(monitorCreateInput, { name: slug, slug, interval: "1d", grace: "1h", channels }, "monitor");
  try {
    const { config } = await createMonitor(env, team.id, input, now);
    return { id: config.id, pingToken: config.pingToken, created: true };
  } catch (err) {
    if (!(err instanceof ApiError && err.code === "conflict")) throw err;
    // Two first pings at once: the other one created it.
    const found = await findBySlug(env.DB, pingKey, slug);
    return found ? { ...found, created: false } : null;
  }
}
