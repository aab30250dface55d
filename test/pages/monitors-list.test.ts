import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { teamListMarker } from "../../src/db/sessions";
import { advanceTo, api, M, ORIGIN, type PageSession, page, pingAt, postForm, S, setNow, signIn, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys, type TeamFixture } from "../teams-helpers";

// The dashboard's monitor list (src/pages/monitors-list.tsx): counters, rows, filters, paging, the refresh
// poll (monitors-changes.tsx) and bulk actions (monitors-bulk.tsx), each in a team of its own.
useFakeClock(T0);
const app = createApp();

async function monitorIn(team: TeamFixture, fields: Record<string, unknown>) {
  const res = await api("POST", "/api/v1/monitors", { interval: "1m", grace: "1m", ...fields }, bearer(team.write));
  if (res.status !== 201) throw new Error(`create monitor: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; ping_url: string };
}

/** A team with three monitors at T0 + 121 s: "db backup" up, "nightly report" down, "never run" never pinged. */
async function teamWithThree(name: string) {
  const team = await createTeamWithKeys(name);
  const up = await monitorIn(team, { name: "db backup", tags: ["prod", "db"], interval: "1h" });
  const down = await monitorIn(team, { name: "nightly report", tags: ["prod"] });
  const never = await monitorIn(team, { name: "never run", tags: ["staging"] });
  await pingAt(T0, up, "", "POST", "ok");
  await pingAt(T0, down);
  await advanceTo(down.id, T0 + 61 * S); // late
  await advanceTo(down.id, T0 + 121 * S); // down, its alarm ran
  return { team, up, down, never, session: await signIn(team.write) };
}

const html = async (response: Response) => {
  expect(response.status).toBe(200);
  return response.text();
};
const rowOf = (text: string, id: string) => new RegExp(`<tr id="m-${id}"[^]*?</tr>`).exec(text)?.[0] ?? "";
const counter = (text: string, status: string) => new RegExp(`id="count-${status}"[^>]*><span class="count">(\\d+)</span>`).exec(text)?.[1];
/** The rows' monitor ids, sorted: monitors created at the same (fake) instant list in id order, which is random. */
const rowIds = (text: string) => [...text.matchAll(/<tr id="m-(mon_[a-z2-7]+)"/g)].map((m) => m[1] ?? "").sort();
const sorted = (...ids: string[]) => ids.sort();
const markerOf = (text: string) => /data-since="([^"]+)"/.exec(text)?.[1] ?? "";
const apiStatus = async (team: TeamFixture, id: string) =>
  (await api("GET", `/api/v1/monitors/${id}`, undefined, bearer(team.read))).body.status;

function bulk(session: PageSession, action: string, ids: string[], extra: Record<string, string> = {}) {
  const body = new URLSearchParams({ _csrf: session.csrf, action, ...extra });
  for (const id of ids) body.append("ids", id);
  return app.request(`${ORIGIN}/app/monitors/bulk`, { method: "POST", body, headers: { cookie: session.cookie }, redirect: "manual" }, env);
}

describe("the monitor list", () => {
  it("counts by status and shows each monitor's status word, tags, schedule, last ping and strip", async () => {
    const { up, down, never, session } = await teamWithThree("list rows");
    setNow(T0 + 10 * M);
    const text = await html(await page("/app/monitors", session));
    expect([counter(text, "up"), counter(text, "down"), counter(text, "new"), counter(text, "late")]).toEqual(["1", "1", "1", "0"]);
    expect(text).toContain("<title>(1 down) Monitors · lubdub</title>");
    expect(text).toContain('href="/app/static/favicon-down.svg"');
    const downRow = rowOf(text, down.id);
    expect(downRow).toContain('<span class="status status-down">down</span>');
    expect(downRow).toContain(`href="/app/monitors/${down.id}"`);
    expect(downRow).toContain("every minute");
    expect(downRow).toMatch(/<time datetime="2100-01-01T00:00:00.000Z" title="2100-01-01 00:00:00 UTC" data-rel="ago">10 min ago<\/time>/);
    expect(downRow).toMatch(/aria-label="Last 24 hours: up 1 min 1 s, late 1 min, down 7 min 59 s"/);
    // "prod" has a down monitor: its chip is coloured by it, on the up monitor's row too.
    expect(rowOf(text, up.id)).toContain('class="chip tag tag-down" data-tag="prod" href="/app/monitors?tag=prod"');
    expect(rowOf(text, up.id)).toContain('class="chip tag tag-up" data-tag="db" href="/app/monitors?tag=db"');
    expect(rowOf(text, up.id)).toContain("every hour");
    expect(rowOf(text, never.id)).toContain('<span class="never">never pinged</span>');
    expect(rowOf(text, up.id)).not.toContain("never pinged");
    expect(text).toContain('<a class="button primary" id="new-monitor" href="/app/monitors/new">');
    expect(text).toMatch(/<script nonce="[a-z2-7]+" src="\/app\/static\/refresh.js" defer/);
  });

  it("filters by status, tag and text through the URL, and refuses a status that does not exist", async () => {
    const { up, down, never, session } = await teamWithThree("list filters");
    expect(rowIds(await html(await page("/app/monitors?status=down", session)))).toEqual([down.id]);
    expect(rowIds(await html(await page("/app/monitors?tag=prod", session)))).toEqual(sorted(up.id, down.id));
    expect(rowIds(await html(await page("/app/monitors?tag=prod&tag=db", session)))).toEqual([up.id]);
    const byText = await html(await page("/app/monitors?q=NEVER&status=&tag=", session));
    expect(rowIds(byText)).toEqual([never.id]);
    expect(byText).toContain('id="filter-q" name="q" type="text" value="NEVER"');
    expect(byText).toContain('href="/app/monitors?q=NEVER&amp;status=down"'); // a counter keeps the text filter
    expect((await page("/app/monitors?status=sleeping", session)).status).toBe(400);
  });

  it("pages with a cursor, like the API", async () => {
    const { up, down, never, session } = await teamWithThree("list paging");
    const first = await html(await page("/app/monitors?limit=2", session));
    expect(rowIds(first)).toHaveLength(2);
    const next = /id="next-page" href="([^"]+)"/.exec(first)?.[1]?.replaceAll("&amp;", "&") ?? "";
    expect(next).toMatch(/^\/app\/monitors\?limit=2&cursor=/);
    const second = await html(await page(next, session));
    expect([...rowIds(first), ...rowIds(second)].sort()).toEqual(sorted(up.id, down.id, never.id));
    expect(second).not.toContain('id="next-page"');
  });
});

describe("the list's refresh poll", () => {
  it("answers 204 while nothing changed, then the changed row, counters and title after a flip", async () => {
    const { team, up, down, never, session } = await teamWithThree("list changes");
    const marker = markerOf(await html(await page("/app/monitors", session)));
    const poll = (since: string, filters = "") =>
      page(`/app/monitors/changes?since=${encodeURIComponent(since)}${filters}`, session, { accept: "application/json" });
    expect((await poll(marker)).status).toBe(204);
    await pingAt(T0 + 130 * S, down); // down → up
    const changed = await poll(marker);
    expect(changed.status).toBe(200);
    const body = (await changed.json()) as {
      marker: string;
      title: string;
      favicon: string;
      counters: string;
      ids: string[];
      rows: Record<string, string>;
      tags: Record<string, string>;
    };
    expect([...body.ids].sort()).toEqual(sorted(up.id, down.id, never.id));
    expect(Object.keys(body.rows)).toEqual([down.id]);
    expect(body.rows[down.id]).toContain('<span class="status status-up">up</span>');
    expect(body.title).toBe("Monitors · lubdub");
    expect(body.favicon).toBe("/app/static/favicon.svg");
    expect(counter(body.counters, "up")).toBe("2");
    expect(body.tags).toEqual({ prod: "up", db: "up", staging: "new" }); // "prod" on the unchanged row too
    expect(body.marker).not.toBe(marker);
    expect((await poll(body.marker)).status).toBe(204);
    // A monitor created since is a changed row too, in its place on the page.
    const created = await monitorIn(team, { name: "created since" });
    const withNew = (await (await poll(body.marker)).json()) as { ids: string[]; rows: Record<string, string> };
    expect(Object.keys(withNew.rows)).toEqual([created.id]);
    expect(withNew.ids).toHaveLength(4);
    // The page's filters hold: a monitor that left `status=down` leaves the page.
    const filtered = (await (await poll(marker, "&status=down")).json()) as { ids: string[] };
    expect(filtered.ids).toEqual([]);
  });

  it("costs ONE D1 query when idle, the session check included", async () => {
    const { session } = await teamWithThree("list idle poll");
    const marker = markerOf(await html(await page("/app/monitors", session)));
    const calls: string[] = [];
    const db = env.DB;
    const counted: D1Database = {
      prepare: (sql: string) => {
        calls.push(sql);
        return db.prepare(sql);
      },
      batch: (statements) => {
        calls.push(`batch of ${statements.length}`);
        return db.batch(statements);
      },
      exec: (sql: string) => {
        calls.push(sql);
        return db.exec(sql);
      },
      withSession: (constraint) => db.withSession(constraint),
      dump: () => db.dump(),
    };
    const response = await app.request(
      `${ORIGIN}/app/monitors/changes?since=${encodeURIComponent(marker)}`,
      { headers: { cookie: session.cookie, accept: "application/json" } },
      { ...env, DB: counted },
    );
    expect(response.status).toBe(204);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain("FROM sessions");
  });

  it("moves the marker on every write the list shows: a config edit, a liveness report, a delete", async () => {
    const { team, up, never } = await teamWithThree("list marker");
    const markers = [await teamListMarker(env.DB, team.id)];
    const moved = async () => {
      markers.push(await teamListMarker(env.DB, team.id));
      return markers.at(-1) !== markers.at(-2);
    };
    expect((await api("PATCH", `/api/v1/monitors/${never.id}`, { name: "renamed" }, bearer(team.write))).status).toBe(200);
    expect(await moved()).toBe(true);
    await env.DB.prepare("UPDATE monitors SET last_ping_at = 0 WHERE id = ?").bind(up.id).run(); // an older ping in D1
    const { livenessReportStatement } = await import("../../src/db/monitors");
    await livenessReportStatement(env.DB, up.id, { lastPingAt: T0 + 200 * S, lastDurationMs: 1200 }).run();
    expect(await moved()).toBe(true);
    expect((await api("DELETE", `/api/v1/monitors/${never.id}`, undefined, bearer(team.write))).status).toBe(204);
    expect(await moved()).toBe(true);
    expect(await moved()).toBe(false);
  });

  it("answers a poll without a session 401, not a page", async () => {
    const response = await page("/app/monitors/changes?since=0.0", undefined, { accept: "application/json" });
    expect(response.status).toBe(401);
  });
});

describe("bulk actions", () => {
  it("pause then resume the selected monitors, reporting each", async () => {
    const { team, up, down, session } = await teamWithThree("bulk pause");
    const paused = await bulk(session, "pause", [up.id, down.id], { back: "/app/monitors?tag=prod" });
    expect(paused.status).toBe(303);
    const location = paused.headers.get("location") ?? "";
    expect(location).toBe(`/app/monitors?tag=prod&done=pause&r=${up.id}.ok&r=${down.id}.ok`);
    expect([await apiStatus(team, up.id), await apiStatus(team, down.id)]).toEqual(["paused", "paused"]);
    const after = await html(await page(location, session));
    expect(after).toMatch(/<div id="bulk-notice" class="notice" role="status"><p>Paused 2 of 2 monitors.<\/p>/);
    expect(after).toContain(`<li data-id="${up.id}" data-outcome="ok">db backup: paused</li>`);
    expect(counter(after, "paused")).toBe("2");
    const resumed = await bulk(session, "resume", [up.id, down.id, "mon_aaaaaaaaaaaaaaaaaaaaaaaaaa"]);
    expect(resumed.status).toBe(303);
    expect(await html(await page(resumed.headers.get("location") ?? "", session))).toContain("mon_aaaaaaaaaaaaaaaaaaaaaaaaaa: not found");
    expect(await apiStatus(team, up.id)).not.toBe("paused");
  });

  it("deletes only after the confirmation page, which lists the monitors", async () => {
    const { team, up, never, session } = await teamWithThree("bulk delete");
    const confirm = await html(await bulk(session, "delete", [up.id, never.id]));
    expect(confirm).toContain("Delete these 2 monitors?");
    expect(confirm).toMatch(/<ul id="delete-list"><li>db backup<\/li><li>never run<\/li><\/ul>/);
    expect(confirm).toContain('<button type="submit" class="danger" id="confirm-delete">Delete 2 monitors</button>');
    expect((await api("GET", `/api/v1/monitors/${up.id}`, undefined, bearer(team.read))).status).toBe(200);
    const done = await bulk(session, "delete", [up.id, never.id], { confirm: "yes" });
    expect(done.status).toBe(303);
    expect((await api("GET", `/api/v1/monitors/${up.id}`, undefined, bearer(team.read))).status).toBe(404);
    expect(rowIds(await html(await page("/app/monitors", session)))).toHaveLength(1);
  });

  it("a read key's session sees no checkboxes, and its crafted POST is refused 403, changing nothing", async () => {
    const { team, up } = await teamWithThree("bulk read");
    const reader = await signIn(team.read);
    const text = await html(await page("/app/monitors", reader));
    expect(text).not.toContain('name="ids"');
    expect(text).not.toContain('id="bulk"');
    expect(text).not.toContain('id="new-monitor"');
    for (const action of ["pause", "delete"]) {
      expect((await bulk(reader, action, [up.id], { confirm: "yes" })).status).toBe(403);
    }
    expect(await apiStatus(team, up.id)).toBe("up");
  });

  it("refuses a form without its CSRF token, and bad input with a 400", async () => {
    const { team, up, session } = await teamWithThree("bulk csrf");
    expect((await postForm("/app/monitors/bulk", session, { action: "pause", ids: up.id }, { csrf: false })).status).toBe(403);
    expect(await apiStatus(team, up.id)).toBe("up");
    expect((await bulk(session, "explode", [up.id])).status).toBe(400);
    expect((await bulk(session, "pause", [])).status).toBe(400);
  });
});
