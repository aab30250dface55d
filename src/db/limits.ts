import type { CountedLimit, LimitName, LimitOverrides, TeamUsage } from "../domain/limits";

/** Each limit's column on `teams` (migration 0014; NULL: the deployment's default). */
const COLUMN: Record<LimitName, string> = {
  monitors: "max_monitors",
  channels: "max_channels",
  api_keys: "max_api_keys",
  ping_log_size: "max_ping_log_size",
};

/** How many rows a team has of each counted kind; `team` is the SQL naming the team. Revoked keys do not count. */
const COUNT: Record<CountedLimit, (team: string) => string> = {
  monitors: (team) => `SELECT COUNT(*) FROM monitors WHERE team_id = ${team}`,
  channels: (team) => `SELECT COUNT(*) FROM channels WHERE team_id = ${team}`,
  api_keys: (team) => `SELECT COUNT(*) FROM api_keys WHERE team_id = ${team} AND revoked_at IS NULL`,
};

/** The team's limit in SQL: its own value, else `fallback` (the deployment's default, a bound parameter). */
const limitOf = (name: LimitName, team: string, fallback: string) =>
  `COALESCE((SELECT ${COLUMN[name]} FROM teams WHERE id = ${team}), ${fallback})`;

/**
 * The condition an `INSERT ... SELECT ... WHERE` adds so that the row goes in only while the team is under its
 * limit. The count and the insert are one statement, and D1 runs statements one at a time: two creates at
 * once cannot both take the last slot (the second inserts nothing, and its caller says so).
 */
export const underLimit = (name: CountedLimit, team: string, fallback: string): string =>
  `(${COUNT[name](team)}) < ${limitOf(name, team, fallback)}`;

/** How many the team has and may have: the check before any work, so a refusal costs one read. */
export async function usedAndLimit(db: D1Database, teamId: string, name: CountedLimit, fallback: number) {
  const row = await db
    .prepare(`SELECT (${COUNT[name]("?1")}) AS used, ${limitOf(name, "?1", "?2")} AS max`)
    .bind(teamId, fallback)
    .first<{ used: number; max: number }>();
  return { used: row?.used ?? 0, max: row?.max ?? fallback };
}

/**
 * Each team's counted rows, in one statement whatever the number of teams (a Worker may run only so many
 * queries per request: 50 on the Free plan): each count reads one team's index entries.
 */
export async function usageOfTeams(db: D1Database, teamIds: string[]): Promise<Map<string, TeamUsage>> {
  const { results } = await db
    .prepare(
      `SELECT t.value AS id, (${COUNT.monitors("t.value")}) AS monitors, (${COUNT.channels("t.value")}) AS channels,
         (${COUNT.api_keys("t.value")}) AS api_keys FROM json_each(?) t`,
    )
    .bind(JSON.stringify(teamIds))
    .all<TeamUsage & { id: string }>();
  return new Map(results.map(({ id, ...usage }) => [id, usage]));
}

export interface LimitColumns {
  max_monitors: number | null;
  max_channels: number | null;
  max_api_keys: number | null;
  max_ping_log_size: number | null;
}

/** A team row's own limits (a row from before migration 0014 has none of the columns: the defaults). */
export const overridesOf = (row: Partial<LimitColumns>): LimitOverrides => ({
  monitors: row.max_monitors ?? null,
  channels: row.max_channels ?? null,
  api_keys: row.max_api_keys ?? null,
  ping_log_size: row.max_ping_log_size ?? null,
});

/** Sets the given limits of a team (null: back to the deployment's default); the others stay. */
export async function saveTeamLimits(db: D1Database, teamId: string, changes: Partial<LimitOverrides>): Promise<void> {
  const names = (Object.keys(COLUMN) as LimitName[]).filter((name) => changes[name] !== undefined);
  if (names.length === 0) return;
  await db
    .prepare(`UPDATE teams SET ${names.map((name) => `${COLUMN[name]} = ?`).join(", ")} WHERE id = ?`)
    .bind(...names.map((name) => changes[name] ?? null), teamId)
    .run();
}
