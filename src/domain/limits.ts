/**
 * Per-team limits, so one team cannot exhaust a deployment (README "Limits"). Pure: the deployment's defaults
 * come from its vars, a team's overrides from its row (migration 0014), and the messages a refusal shows.
 */

/** What is limited: three counts of rows a team owns, and the largest ping log one of its monitors may keep. */
export const LIMIT_NAMES = ["monitors", "channels", "api_keys", "ping_log_size"] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];
/** The limits that count a team's rows (the ping log's is a bound on one setting). */
export type CountedLimit = Exclude<LimitName, "ping_log_size">;

export type TeamLimits = Record<LimitName, number>;
/** A team's own values; null follows the deployment's default. */
export type LimitOverrides = Record<LimitName, number | null>;
export type TeamUsage = Record<CountedLimit, number>;
/** A team's limits as they apply, and what it uses of them. */
export interface TeamQuota {
  limits: TeamLimits;
  usage: TeamUsage;
}

/**
 * The defaults of a self-hosted deployment: far above what one team of people uses, far below what would
 * strain D1 or the bill. 1,000 monitors (the admin list and dashboard are measured at 10,000 in a team,
 * BENCHMARKS.md); 100 channels (a monitor names at most 20); 50 live API keys (revoked ones do not count);
 * a ping log of up to 1,000 pings per monitor (the most `ping_log_size` allows, as before limits existed).
 */
export const DEFAULT_TEAM_LIMITS: TeamLimits = { monitors: 1000, channels: 100, api_keys: 50, ping_log_size: 1000 };

/** Each limit's deployment-wide var (wrangler.toml [vars]). */
export const LIMIT_VARS = {
  monitors: "TEAM_MAX_MONITORS",
  channels: "TEAM_MAX_CHANNELS",
  api_keys: "TEAM_MAX_API_KEYS",
  ping_log_size: "TEAM_MAX_PING_LOG_SIZE",
} as const satisfies Record<LimitName, string>;

/** The most a limit may be set to; `ping_log_size` stops at the setting's own maximum. */
export const LIMIT_CEILINGS: TeamLimits = { monitors: 1_000_000, channels: 100_000, api_keys: 10_000, ping_log_size: 1000 };
/** A new monitor's `ping_log_size` when its creator gives none (the API, the form, a ping's ?create=1). */
export const DEFAULT_PING_LOG_SIZE = 100;

/**
 * The least: 0 stops a team from creating more. A ping log's limit is at least the default size, so a
 * monitor created without `ping_log_size` (or by a ping) is never refused for its log.
 */
export const LIMIT_FLOORS: TeamLimits = { monitors: 0, channels: 0, api_keys: 0, ping_log_size: DEFAULT_PING_LOG_SIZE };

/** A var's value when it is a whole number within the limit's range; absent or anything else, the built-in default. */
function parseLimit(name: LimitName, value: string | undefined): number {
  const n = Number(value);
  const valid = value !== undefined && value.trim() !== "" && Number.isInteger(n) && n >= LIMIT_FLOORS[name] && n <= LIMIT_CEILINGS[name];
  return valid ? n : DEFAULT_TEAM_LIMITS[name];
}

type LimitVars = { [name in LimitName as (typeof LIMIT_VARS)[name]]?: string | undefined };

/** The deployment's defaults: each TEAM_MAX_* var, else the built-in default. */
export function deploymentLimits(vars: LimitVars): TeamLimits {
  const read = (name: LimitName) => parseLimit(name, vars[LIMIT_VARS[name]]);
  return { monitors: read("monitors"), channels: read("channels"), api_keys: read("api_keys"), ping_log_size: read("ping_log_size") };
}

/** A team's limits: its own values where the super-admin set one, else the deployment's. */
export function effectiveLimits(overrides: LimitOverrides, defaults: TeamLimits): TeamLimits {
  return {
    monitors: overrides.monitors ?? defaults.monitors,
    channels: overrides.channels ?? defaults.channels,
    api_keys: overrides.api_keys ?? defaults.api_keys,
    ping_log_size: overrides.ping_log_size ?? defaults.ping_log_size,
  };
}

export const NO_OVERRIDES: LimitOverrides = { monitors: null, channels: null, api_keys: null, ping_log_size: null };

const WHAT: Record<CountedLimit, string> = { monitors: "monitors", channels: "channels", api_keys: "live API keys" };
const FREE_ONE: Record<CountedLimit, string> = {
  monitors: "delete a monitor",
  channels: "delete a channel",
  api_keys: "revoke a key",
};

/** Why a create was refused, and the two ways out. */
export function limitReachedMessage(name: CountedLimit, limit: number): string {
  return `team limit reached: the team already has ${limit} ${WHAT[name]}, its limit; ${FREE_ONE[name]} first, or ask the administrator to raise limits.${name}`;
}

export function pingLogLimitMessage(limit: number): string {
  return `at most ${limit} in this team (its limits.ping_log_size); ask the administrator to raise it`;
}
