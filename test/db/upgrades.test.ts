import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { liveSession } from "../../src/db/sessions";
import { api, T0, useFakeClock } from "../helpers";
import { bearer } from "../teams-helpers";
import { IDS, RELEASE_BEFORE, type Release, writeAsRelease } from "./upgrade-fixtures";

// Upgrades are safe (README "Upgrading"): for every migration from 0002 on, a database migrated up to the one
// before it and filled as the release before it wrote (test/db/upgrade-fixtures.ts) takes that migration and
// every later one; then today's code reads every row through its own read paths, and every column the older
// release read is still there. A migration that drops or renames anything is refused by name.

useFakeClock(T0);

const MIGRATIONS = env.TEST_MIGRATIONS;
/** A migration's name without its file's extension, as the fixtures name it. */
const stem = (name: string) => name.replace(/\.sql$/, "");
const UPGRADES = MIGRATIONS.slice(1).map((m) => stem(m.name));

/** Every table dropped (whichever migration added it, the migrations' own record too), then migrations up to `below`. */
async function databaseBefore(below: string): Promise<void> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  for (const { name } of results) await env.DB.prepare(`DROP TABLE IF EXISTS "${name}"`).run();
  await applyD1Migrations(
    env.DB,
    MIGRATIONS.filter((m) => stem(m.name) < below),
  );
}

/** table.column for every column of every table: what an older release's SELECTs may name. */
async function columns(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT m.name || '.' || p.name AS column FROM sqlite_master m, pragma_table_info(m.name) p
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%' AND m.name <> 'd1_migrations'`,
  ).all<{ column: string }>();
  return results.map((r) => r.column);
}

const ids = (body: { data: { id: string }[] }) => body.data.map((item) => item.id);

/** Today's read paths over every row the release wrote (team_default, read with the ADMIN_TOKEN as before teams). */
async function expectReadByToday(release: Release): Promise<void> {
  const read = async (path: string, headers?: Record<string, string>) => {
    const res = await api("GET", path, undefined, headers);
    expect(res.status, `GET ${path}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };
  expect(ids(await read("/api/v1/monitors"))).toEqual([IDS.monitor]);
  expect(await read(`/api/v1/channels/${IDS.channel}`)).toMatchObject({ name: "ops", type: "webhook" });
  expect(ids(await read("/api/v1/alerts"))).toEqual([IDS.alert]);
  expect(await read(`/api/v1/alerts/${IDS.alert}`)).toMatchObject({ monitor_id: IDS.monitor });
  expect(await read(`/api/v1/deliveries/${IDS.delivery}`)).toMatchObject({ status: "delivered", channel_id: IDS.channel });
  expect(ids(await read(`/api/v1/alerts/${IDS.alert}/deliveries`))).toEqual([IDS.delivery]);
  const flips = ids(await read(`/api/v1/monitors/${IDS.monitor}/flips`));
  expect(flips).toEqual(release.flips ? [IDS.flip] : []);
  const team = await read("/api/v1/team");
  expect(team.create_on_ping).toBe(release.slugs);
  expect(team.maintenance).toHaveLength(release.teamMaintenance ? 1 : 0);
  expect(team.default_channels).toEqual(release.defaultChannels ? [IDS.channel] : null);
  if (release.teams) expect(await read("/api/v1/me", bearer(IDS.apiKey))).toMatchObject({ team: { id: "team_default" } });
  if (release.tags) expect(ids(await read("/api/v1/monitors?tag=nightly"))).toEqual([IDS.monitor]);
  if (release.badgeKey) expect((await api("GET", `/badge/${IDS.badgeKey}/${IDS.slug}.json`)).status).toBe(200);
  if (release.statusPage) expect((await api("GET", `/status/${IDS.statusPageKey}`)).status).toBe(200);
  if (release.sessions) expect(await liveSession(env.DB, IDS.sessionHash, T0)).toMatchObject({ teamId: "team_default" });
}

describe("every migration on a database the release before it filled", () => {
  it("each has a fixture of what that release wrote", () => {
    const missing = UPGRADES.filter((name) => !(name in RELEASE_BEFORE));
    const hint = (name: string) =>
      `migration ${name} has no upgrade fixture: add RELEASE_BEFORE["${name}"] to test/db/upgrade-fixtures.ts (the rows today's release writes, without what ${name} adds)`;
    expect(missing.map(hint)).toEqual([]);
  });

  it.each(UPGRADES.filter((name) => name in RELEASE_BEFORE))("%s: today's code reads every row, and no column is gone", async (name) => {
    const release = RELEASE_BEFORE[name] as Release;
    await databaseBefore(name);
    await writeAsRelease(env.DB, release);
    const before = await columns();
    await applyD1Migrations(env.DB, MIGRATIONS);
    const after = new Set(await columns());
    expect(
      before.filter((column) => !after.has(column)),
      "columns the previous release reads",
    ).toEqual([]);
    await expectReadByToday(release);
  });
});

/** The statements of a migration that drop or rename a table, column or view: the previous release would break on them. */
function destructiveStatements(queries: string[]): string[] {
  const withoutComments = (sql: string) => sql.replaceAll(/--[^\n]*/g, "");
  return queries.filter((q) => /\bDROP\s+(TABLE|COLUMN|VIEW)\b|\bRENAME\b/i.test(withoutComments(q)));
}

describe("migrations are additive", () => {
  it("no migration drops or renames a table, column or view", () => {
    const found = MIGRATIONS.flatMap((m) => destructiveStatements(m.queries).map((q) => `${m.name}: ${q.trim()}`));
    expect(found).toEqual([]);
  });

  it("the check finds them", () => {
    const queries = [
      "ALTER TABLE monitors RENAME COLUMN slug TO handle;",
      "-- DROP TABLE x\nCREATE INDEX a ON b (c);",
      "ALTER TABLE t DROP COLUMN c;",
    ];
    expect(destructiveStatements(queries)).toEqual([queries[0], queries[2]]);
  });
});
