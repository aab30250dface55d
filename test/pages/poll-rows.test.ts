import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { api, ORIGIN, signIn } from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";
import { recordingDb, type SeenQuery } from "./query-plans";

// What an idle open dashboard costs D1 (issue 18): each refresh poll that finds nothing changed is one
// query, and the rows it reads do not grow with the team (the session, its team, one index probe for the
// newest change). Rows read are D1's own count (meta.rows_read) for the SQL and values the poll bound.
const app = createApp();

/** Rows D1 reads for one idle poll of a team with `monitors` monitors. */
async function idlePollRows(monitors: number): Promise<number> {
  const team = await createTeamWithKeys(`poll rows ${monitors}`);
  for (let i = 0; i < monitors; i++) {
    expect((await api("POST", "/api/v1/monitors", { name: `m${i}`, interval: 60 }, bearer(team.write))).status).toBe(201);
  }
  const session = await signIn(team.read);
  const list = await (await app.request(`${ORIGIN}/app/monitors`, { headers: { cookie: session.cookie } }, env)).text();
  const since = /data-since="([^"]+)"/.exec(list)?.[1];
  const seen: SeenQuery[] = [];
  const poll = await app.request(
    `${ORIGIN}/app/monitors/changes?since=${since}`,
    { headers: { cookie: session.cookie, accept: "application/json" } },
    { ...env, DB: recordingDb(env.DB, seen) },
  );
  expect(poll.status).toBe(204);
  expect(seen).toHaveLength(1);
  const [query] = seen;
  if (!query) throw new Error("no query");
  const { meta } = await env.DB.prepare(query.sql)
    .bind(...query.values)
    .all();
  return meta.rows_read;
}

describe("an idle refresh poll", () => {
  it("is one query reading a handful of rows, as many with 40 monitors in the team as with 1", async () => {
    const one = await idlePollRows(1);
    expect(one).toBeLessThanOrEqual(4);
    expect(await idlePollRows(40)).toBe(one);
  });
});
