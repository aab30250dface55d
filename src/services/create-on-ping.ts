import { findBySlug } from "../db/monitors";
import { getTeamByPingKey } from "../db/teams";
import { ApiError } from "../errors";
import { log } from "../log";
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
 * The answer's text when the ping key is right but its team does not create monitors on ping: what is off
 * and how to turn it on, rather than a bare "not found" that blames the key.
 */
export const CREATE_ON_PING_OFF =
  'not found: no monitor has this slug, and creating one on ping (?create=1) is off for this team; turn it on with PATCH /api/v1/team {"create_on_ping": true}';

/**
 * Creates the monitor an unknown slug names (`/ping/<ping_key>/<slug>?create=1`), when the team allows
 * it: daily, with the defaults of any monitor created without them (the default grace, the team's
 * default channels), so a monitor nobody configured still alerts somebody. Null for an unknown ping key;
 * CREATE_ON_PING_OFF when its team does not allow it. Past the team's monitor limit it throws 403
 * `limit_reached`, which the pinger sees (healthchecks.io answers 404 there, lubdub says why).
 */
export async function createMonitorOnPing(
  env: Env,
  pingKey: string,
  slug: string,
  now: number,
): Promise<PingTarget | typeof CREATE_ON_PING_OFF | null> {
  const team = await getTeamByPingKey(env.DB, pingKey);
  if (!team) return null;
  if (!team.createOnPing) return CREATE_ON_PING_OFF;
  const input = validate(monitorCreateInput, { name: slug, slug, interval: "1d" }, "monitor");
  try {
    const { config } = await createMonitor(env, team.id, input, now);
    return { id: config.id, pingToken: config.pingToken, created: true };
  } catch (err) {
    // Refused (403 limit_reached, which the pinger sees): nothing was created; the log tells the operator.
    if (err instanceof ApiError && err.code === "limit_reached") logRefusedCreate(team.id, slug, err.message);
    if (!(err instanceof ApiError && err.code === "conflict")) throw err;
    // Two first pings at once: the other one created it.
    const found = await findBySlug(env.DB, pingKey, slug);
    return found ? { ...found, created: false } : null;
  }
}

/** One JSON line per ping whose monitor could not be created: its job runs unmonitored until someone acts. */
function logRefusedCreate(teamId: string, slug: string, reason: string): void {
  log({ event: "create_on_ping.refused", team_id: teamId, slug, reason });
}
