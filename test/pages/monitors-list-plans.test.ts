import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { api, ORIGIN, signIn } from "../helpers";

// Every D1 query the monitor list and its refresh poll make is on an index (issue 18: "D1 queries use
// indexes"): each one's EXPLAIN QUERY PLAN, run with the very SQL and values the page bound, names no full
// scan of a table. The statements are captured by wrapping the binding, not by mocking our storage.
const app = createApp();

function recordingDb(db: D1Database, seen: { sql: string; values: unknown[] }[]): D1Database {
  return {
    prepare: (sql: string) => {
      const entry = { sql, values: [] as unknown[] };
      seen.push(entry);
      const statement = db.prepare(sql);
      const bind = (...values: unknown[]) => {
        entry.values = values;
        return statement.bind(...values);
      };
      return new Proxy(statement, { get: (target, key) => (key === "bind" ? bind : Reflect.get(target, key)) });
    },
    batch: (statements) => db.batch(statements),
    exec: (sql: string) => db.exec(sql),
    withSession: (constraint) => db.withSession(constraint),
    dump: () => db.dump(),
  };
}

describe("the monitor list's queries", () => {
  it.each(["/app/monitors", "/app/monitors?status=down", "/app/monitors?tag=x&limit=1", "/app/monitors/changes?since=0.0"])(
    "%s reads through indexes only",
    async (path) => {
      await api("POST", "/api/v1/monitors", { name: "a", interval: "1m", tags: ["x"] });
      await api("POST", "/api/v1/monitors", { name: "b", interval: "1m", tags: ["x"] });
      const session = await signIn();
      const seen: { sql: string; values: unknown[] }[] = [];
      const headers = { cookie: session.cookie, accept: path.includes("changes") ? "application/json" : "text/html" };
      const response = await app.request(`${ORIGIN}${path}`, { headers }, { ...env, DB: recordingDb(env.DB, seen) });
      expect(response.status).toBe(200);
      expect(seen.length).toBeGreaterThanOrEqual(4);
      for (const { sql, values } of seen) {
        const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .bind(...values)
          .all<{ detail: string }>();
        const steps = plan.results.map((row) => row.detail);
        expect(
          steps.filter((step) => /^SCAN (?!json_each)/.test(step)),
          sql,
        ).toEqual([]);
      }
    },
  );
});
