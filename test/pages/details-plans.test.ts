import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { advanceTo, interceptFetch, ORIGIN, S, signIn, T0, useFakeClock, watchedWebhook } from "../helpers";
import { fullScans, recordingDb, type SeenQuery } from "./query-plans";

// Every D1 query of the monitor details page is on an index (issue 18: "D1 queries use indexes"), for a
// monitor with flips, an open alert and its delivery, so that the event log's alert, delivery and channel
// reads run too: each one's EXPLAIN QUERY PLAN, with the SQL and values the page bound, names no full scan.
const app = createApp();
useFakeClock(T0);

describe("the monitor details page's queries", () => {
  it.each(["", "?range=7d", "?range=90d&tz=Europe/Berlin"])("/app/monitors/:id%s reads through indexes only", async (query) => {
    interceptFetch(() => new Response("ok", { status: 200 }));
    const { monitor } = await watchedWebhook();
    await advanceTo(monitor.id, T0 + 2 * 60 * S);
    const session = await signIn();
    const seen: SeenQuery[] = [];
    const response = await app.request(
      `${ORIGIN}/app/monitors/${monitor.id}${query}`,
      { headers: { cookie: session.cookie } },
      { ...env, DB: recordingDb(env.DB, seen) },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Alert opened (missed)");
    const sql = seen.map((q) => q.sql).join("\n");
    for (const table of ["monitors", "flips", "alerts", "deliveries", "channels", "teams", "sessions"])
      expect(sql).toContain(`FROM ${table}`);
    for (const seenQuery of seen) expect(await fullScans(seenQuery), seenQuery.sql).toEqual([]);
  });
});
