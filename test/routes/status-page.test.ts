import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { advanceTo, api, M, ORIGIN, ping, S, settle, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys, type TeamFixture } from "../teams-helpers";

// The public status page: /status/<status_page_key>, a team setting (PATCH /api/v1/team `status_page`).

useFakeClock(T0);

const page = async (url: string) => {
  const { createApp } = await import("../../src/app");
  const res = await createApp().request(url, {}, env);
  return { status: res.status, headers: res.headers, html: await res.text() };
};
const patchTeam = (team: TeamFixture, body: unknown, key = team.write) => api("PATCH", "/api/v1/team", body, bearer(key));
const statusUrl = async (team: TeamFixture, tag: string): Promise<string> => {
  const res = await patchTeam(team, { status_page: { tag } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.status_page.url;
};
const monitorOf = async (team: TeamFixture, fields: Record<string, unknown>) => {
  const res = await api("POST", "/api/v1/monitors", { interval: 60, grace: 0, ...fields }, bearer(team.write));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; ping_url: string };
};
/** The words shown beside a monitor's name on the page. */
const stateOf = (html: string, name: string) =>
  new RegExp(`<span class="name">${name}</span><span class="state s-([a-z]+)"><span class="dot" aria-hidden="true"></span>([^<]+)</span>`)
    .exec(html)
    ?.slice(1);

describe("the status page setting", () => {
  it("is off by default; on with a tag, it has its own URL; a tag change keeps it, a rotation replaces it, off ends it", async () => {
    const team = await createTeamWithKeys("status-setting");
    const before = await api("GET", "/api/v1/team", undefined, bearer(team.read));
    expect(before.body.status_page).toBeNull();
    const url = await statusUrl(team, "prod");
    expect(url).toMatch(new RegExp(`^${ORIGIN}/status/[0-9a-f]{32}$`));
    expect(url).not.toContain(before.body.badge_key);
    expect((await page(url)).status).toBe(200);

    const retagged = await patchTeam(team, { status_page: { tag: "public" } });
    expect(retagged.body.status_page).toEqual({ tag: "public", url });

    const rotated = (await patchTeam(team, { rotate_status_page_key: true })).body.status_page;
    expect(rotated.tag).toBe("public");
    expect(rotated.url).not.toBe(url);
    expect((await page(url)).status).toBe(404);
    expect((await page(rotated.url)).status).toBe(200);

    expect((await patchTeam(team, { status_page: null })).body.status_page).toBeNull();
    const off = await page(rotated.url);
    expect(off.status).toBe(404);
    expect(off.html).toContain("Status page not found");
    expect(off.headers.get("cache-control")).toBe("no-store");
    // On again: a new URL, so one shared before is not revived.
    expect(await statusUrl(team, "prod")).not.toBe(rotated.url);
  });

  it("refuses a rotation while off, a bad tag, and a read key's change, changing nothing", async () => {
    const team = await createTeamWithKeys("status-refusals");
    const rotate = await patchTeam(team, { rotate_status_page_key: true });
    expect(rotate.status).toBe(400);
    expect(rotate.body.error.details).toEqual([expect.objectContaining({ path: "rotate_status_page_key" })]);
    expect((await patchTeam(team, { status_page: { tag: "Not A Tag" } })).status).toBe(400);
    expect((await patchTeam(team, { status_page: {} })).status).toBe(400);
    expect((await patchTeam(team, { status_page: { tag: "prod" } }, team.read)).status).toBe(403);
    expect((await api("GET", "/api/v1/team", undefined, bearer(team.write))).body.status_page).toBeNull();
    // Off then rotated in one patch contradicts itself.
    const url = await statusUrl(team, "prod");
    expect((await patchTeam(team, { status_page: null, rotate_status_page_key: true })).status).toBe(400);
    expect((await page(url)).status).toBe(200);
  });

  it("is shown to a read key, which cannot change it", async () => {
    const team = await createTeamWithKeys("status-read");
    const url = await statusUrl(team, "prod");
    expect((await api("GET", "/api/v1/team", undefined, bearer(team.read))).body.status_page).toEqual({ tag: "prod", url });
  });
});

describe("GET /status/<key>", () => {
  it("shows the tag's monitors only, by name, with their status in words, and nothing secret", async () => {
    const team = await createTeamWithKeys("status-list");
    const url = await statusUrl(team, "prod");
    const up = await monitorOf(team, { name: "api health", tags: ["prod"] });
    const fresh = await monitorOf(team, { name: "billing export", tags: ["prod", "billing"] });
    await monitorOf(team, { name: "internal cleanup", tags: ["internal"] });
    await ping(up.ping_url, "POST", "secret body text");
    await settle(up.id);
    // Another team's monitor with the same tag stays on that team's page.
    await api("POST", "/api/v1/monitors", { name: "someone else", interval: 60, tags: ["prod"] });

    const res = await page(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(stateOf(res.html, "api health")).toEqual(["up", "Up"]);
    expect(stateOf(res.html, "billing export")).toEqual(["new", "No data yet"]);
    expect(res.html).not.toContain("internal cleanup");
    expect(res.html).not.toContain("someone else");
    for (const secret of [up.ping_url, up.id, fresh.id, "secret body text", team.pingKey]) expect(res.html).not.toContain(secret);
    expect(res.html.indexOf("api health")).toBeLessThan(res.html.indexOf("billing export"));
    expect(res.html).toContain("<h1>status-list</h1>");
    expect(res.html).toContain("All systems up");
  });

  it("sends a strict CSP, caching for a minute, and only its own refresh script", async () => {
    const team = await createTeamWithKeys("status-headers");
    const res = await page(await statusUrl(team, "prod"));
    const csp = res.headers.get("content-security-policy") ?? "";
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(res.html).not.toMatch(/<script>|\sstyle=|<style|\son[a-z]+=|http-equiv="refresh"/i);
    expect([...res.html.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/status/refresh.js" defer="">']);
    const script = await page(`${ORIGIN}/status/refresh.js`);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.html).toContain("location.reload()");
    expect(res.html).toContain('<link rel="stylesheet" href="/status/status.css"/>');
    const css = await page(`${ORIGIN}/status/status.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(css.html).toContain("prefers-color-scheme:dark");
  });

  it("draws 90 UTC days, runs of one state as one bar, the day a monitor was down in words and colour, and its uptime", async () => {
    const team = await createTeamWithKeys("status-strip");
    const url = await statusUrl(team, "prod");
    const job = await monitorOf(team, { name: "nightly", tags: ["prod"] });
    await ping(job.ping_url);
    await advanceTo(job.id, T0 + 2 * M); // down a minute after it was due
    await advanceTo(job.id, T0 + 12 * M);
    await ping(job.ping_url);
    await settle(job.id);
    await advanceTo(job.id, T0 + 12 * M + 30 * S);

    const { html } = await page(url);
    // The 89 days before its creation are one run (one shape of 89 bars, one title), today its own.
    expect(html.match(/<path /g)).toHaveLength(2);
    const noData = /<path d="([^"]+)" class="day d-none"><title>2099-10-04 to 2099-12-31: no data<\/title>/.exec(html);
    expect(noData?.[1]?.match(/M/g)).toHaveLength(89);
    // Monitored for 12.5 minutes, down for 10 of them (from T0 + 2 min to T0 + 12 min).
    expect(html).toContain('class="day d-down"><title>2100-01-01: down 10m (20.00% up)</title>');
    expect(html).toContain('aria-label="Last 90 days: 20.00% up, down on 1 day"');
    expect(html).toContain("<span>20.00% uptime</span>");
    expect(stateOf(html, "nightly")).toEqual(["up", "Up"]);
  });

  it("colours a day the monitor was only late as late, in words too", async () => {
    const team = await createTeamWithKeys("status-late");
    const url = await statusUrl(team, "prod");
    const job = await monitorOf(team, { name: "slow job", tags: ["prod"], grace: 3600 });
    await ping(job.ping_url);
    await settle(job.id);
    await advanceTo(job.id, T0 + 5 * M); // past due, within its grace: late
    await advanceTo(job.id, T0 + 6 * M);
    await ping(job.ping_url);
    await settle(job.id);
    const { html } = await page(url);
    expect(html).toContain('class="day d-late"><title>2100-01-01: late at times</title>');
    expect(html).toContain('aria-label="Last 90 days: 100.00% up, down on 0 days"');
  });

  it("is served from this location's cache for a minute, and a rotation drops the old one at once", async () => {
    const team = await createTeamWithKeys("status-cache");
    const url = await statusUrl(team, "prod");
    expect((await page(url)).html).toContain("No monitors to show yet.");
    await monitorOf(team, { name: "added later", tags: ["prod"] });
    const cached = await page(`${url}?bust=1`);
    expect(cached.html).toContain("No monitors to show yet.");
    expect(cached.html).not.toContain("added later");
    await patchTeam(team, { rotate_status_page_key: true });
    expect((await page(url)).status).toBe(404);
  });

  it("answers an unknown or malformed key with a 404 page, never a 500", async () => {
    for (const path of ["/status/0123456789abcdef0123456789abcdef", "/status/nope", "/status/<script>"]) {
      const res = await page(`${ORIGIN}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.html).toContain("Status page not found");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
  });
});
