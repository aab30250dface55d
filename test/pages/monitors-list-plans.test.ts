import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { api, ORIGIN, signIn } from "../helpers";
import { fullScans, recordingDb, type SeenQuery } from "./query-plans";

// Every D1 query the monitor list and its refresh poll make is on an index (issue 18: "D1 queries use
// indexes"): each one's EXPLAIN QUERY PLAN, run with the very SQL and values the page bound, names no full
// scan of a table.
const app = createApp();

describe("the monitor list's queries", () => {
  it.each(["/app/monitors", "/app/monitors?status=down", "/app/monitors?tag=x&limit=1", "/app/monitors/changes?since=0.0"])(
    "%s reads through indexes only",
    async (path) => {
      await api("POST", "/api/v1/monitors", { name: "a", interval: "1m", tags: ["x"] });
      await api("POST", "/api/v1/monitors", { name: "b", interval: "1m", tags: ["x"] });
      const session = await signIn();
      const seen: SeenQuery[] = [];
      const headers = { cookie: session.cookie, accept: path.includes("changes") ? "application/json" : "text/html" };
      const response = await app.request(`${ORIGIN}${path}`, { headers }, { ...env, DB: recordingDb(env.DB, seen) });
      expect(response.status).toBe(200);
      expect(seen.length).toBeGreaterThanOrEqual(4);
      for (const query of seen) expect(await fullScans(query), query.sql).toEqual([]);
    },
  );
});
