import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { advanceTo, api, createMonitor, ORIGIN, ping, S, settle, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";

// Public status badges: /badge/<badge_key>/<slug or id>.svg|.json and /badge/<badge_key>/tag/<tag>.svg|.json.

useFakeClock(T0);

const get = async (path: string) => {
  const { createApp } = await import("../../src/app");
  const res = await createApp().request(`${ORIGIN}${path}`, {}, env);
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    cache: res.headers.get("cache-control"),
    text: await res.text(),
  };
};
const badgeKeyOf = async (headers: Record<string, string> = {}) =>
  (await api("GET", "/api/v1/team", undefined, headers)).body.badge_key as string;
const jsonBadge = async (path: string) => {
  const res = await get(`${path}.json`);
  expect(res.status, `${path}: ${res.text}`).toBe(200);
  return JSON.parse(res.text);
};

/** A monitor in each state (slugs `<prefix><state>`): new (never pinged), up, late, down, paused, running (reads as up). */
async function monitorsInEveryState(prefix: string) {
  const make = (name: string, grace: number) =>
    createMonitor({
      name: `job ${name}`,
      slug: `${prefix}${name}`,
      interval: 60,
      grace,
      tags: [name === "fresh" ? `${prefix}new-only` : `${prefix}mixed`],
    });
  const fresh = await make("fresh", 0);
  const late = await make("late", 3600);
  const down = await make("down", 0);
  const paused = await make("paused", 0);
  for (const m of [late, down]) await ping(m.ping_url);
  await advanceTo(late.id, T0 + 90 * S);
  await advanceTo(down.id, T0 + 90 * S);
  await api("POST", `/api/v1/monitors/${paused.id}/pause`);
  // Pinged last, at T0 + 90 s, so that moving the clock did not make them late.
  const up = await make("up", 0);
  const running = await make("running", 0);
  await ping(up.ping_url);
  await ping(`${running.ping_url}/start`);
  for (const m of [up, late, down, paused, running]) await settle(m.id);
  return { fresh, up, late, down, paused, running };
}

describe("monitor badges", () => {
  it("show each state as a word, in SVG and in the shields.io endpoint format, by slug or id", async () => {
    const monitors = await monitorsInEveryState("");
    const key = await badgeKeyOf();
    const expected = { fresh: "new", up: "up", late: "late", down: "down", paused: "paused", running: "up" } as const;
    const colors = { new: "blue", up: "brightgreen", late: "orange", down: "red", paused: "lightgrey" } as const;
    for (const [slug, state] of Object.entries(expected)) {
      expect(await jsonBadge(`/badge/${key}/${slug}`)).toEqual({
        schemaVersion: 1,
        label: `job ${slug}`,
        message: state,
        color: colors[state],
      });
      const svg = await get(`/badge/${key}/${slug}.svg`);
      expect(svg.status).toBe(200);
      expect(svg.type).toMatch(/^image\/svg\+xml/);
      expect(svg.cache).toBe("public, max-age=60");
      expect(svg.text).toContain(`<title>job ${slug}: ${state}</title>`);
      expect(svg.text).toMatch(new RegExp(`<text[^>]*>${state}</text>`));
    }
    expect((await jsonBadge(`/badge/${key}/${monitors.down.id}`)).message).toBe("down");
  });

  it("escape the name and keep a long one short", async () => {
    await createMonitor({ name: `<b>&"x"${"y".repeat(100)}`, slug: "odd" });
    const key = await badgeKeyOf();
    const svg = (await get(`/badge/${key}/odd.svg`)).text;
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;b&gt;&amp;&quot;x&quot;");
    expect((await jsonBadge(`/badge/${key}/odd`)).label).toHaveLength(40);
  });

  it("answer a plain 404, not cached, to an unknown key, monitor, tag or format", async () => {
    await createMonitor({ name: "known", slug: "known", tags: ["t"] });
    const key = await badgeKeyOf();
    for (const path of [
      `/badge/${"0".repeat(32)}/known.svg`,
      "/badge/not-a-key/known.svg",
      `/badge/${key}/unknown.svg`,
      `/badge/${key}/known.png`,
      `/badge/${key}/known`,
      `/badge/${key}/Known.svg`,
      `/badge/${key}/tag/none.svg`,
      `/badge/${key}/tag/T.json`,
      `/badge/${key}/mon_aaaaaaaaaaaaaaaaaaaaaaaaaa.json`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.text).toBe("not found");
      expect(res.cache).toBe("no-store");
    }
  });

  it("never show another team's monitor through this team's key, and stop working when the key is rotated", async () => {
    const a = await createTeamWithKeys("badges a");
    const b = await createTeamWithKeys("badges b");
    const theirs = await api("POST", "/api/v1/monitors", { name: "b's", slug: "same", interval: 60, tags: ["t"] }, bearer(b.write));
    await api("POST", "/api/v1/monitors", { name: "a's", slug: "same", interval: 60, tags: ["t"] }, bearer(a.write));
    const keyA = await badgeKeyOf(bearer(a.read));
    expect(keyA).not.toBe(a.pingKey);
    expect((await jsonBadge(`/badge/${keyA}/same`)).label).toBe("a's");
    expect((await jsonBadge(`/badge/${keyA}/tag/t`)).label).toBe("t");
    expect((await get(`/badge/${keyA}/${theirs.body.id}.json`)).status).toBe(404);
    // The ping key is not a badge key.
    expect((await get(`/badge/${a.pingKey}/same.json`)).status).toBe(404);

    const rotated = await api("PATCH", "/api/v1/team", { rotate_badge_key: true }, bearer(a.write));
    expect(rotated.body.badge_key).not.toBe(keyA);
    expect(rotated.body.ping_key).toBe(a.pingKey);
    expect(rotated.body.badge_url).toBe(`${ORIGIN}/badge/${rotated.body.badge_key}/<slug or id>.svg`);
    expect((await get(`/badge/${keyA}/same.json`)).status).toBe(404);
    expect((await jsonBadge(`/badge/${rotated.body.badge_key}/same`)).label).toBe("a's");
  });
});

describe("a monitor's badge_url", () => {
  it("is in its view, for every caller, and answers its badge (SVG, and JSON with .json)", async () => {
    const team = await createTeamWithKeys("badge urls");
    const created = await api("POST", "/api/v1/monitors", { name: "nightly backup", interval: 60 }, bearer(team.write));
    await ping(created.body.ping_url);
    await settle(created.body.id);
    const badgeUrl: string = created.body.badge_url;
    expect(badgeUrl).toBe(`${ORIGIN}/badge/${await badgeKeyOf(bearer(team.read))}/${created.body.id}.svg`);
    // A read key sees no ping URL, but the badge (read-only) it does, in the list too.
    const asReader = await api("GET", `/api/v1/monitors/${created.body.id}`, undefined, bearer(team.read));
    expect(asReader.body).toMatchObject({ ping_url: null, badge_url: badgeUrl });
    const listed = await api("GET", "/api/v1/monitors", undefined, bearer(team.read));
    expect(listed.body.data.map((m: { badge_url: string }) => m.badge_url)).toEqual([badgeUrl]);

    const svg = await get(new URL(badgeUrl).pathname);
    expect(svg).toMatchObject({ status: 200, type: "image/svg+xml; charset=utf-8" });
    expect(svg.text).toContain("nightly backup");
    expect(svg.text).toContain(">up<");
    expect(await jsonBadge(new URL(badgeUrl).pathname.replace(/\.svg$/, ""))).toMatchObject({ label: "nightly backup", message: "up" });
  });

  it("keeps working when the slug changes, and follows a rotated badge key", async () => {
    const team = await createTeamWithKeys("badge url rotation");
    const created = await api("POST", "/api/v1/monitors", { name: "job", slug: "old-slug", interval: 60 }, bearer(team.write));
    const renamed = await api("PATCH", `/api/v1/monitors/${created.body.id}`, { slug: "new-slug" }, bearer(team.write));
    expect(renamed.body.badge_url).toBe(created.body.badge_url);
    expect((await get(new URL(created.body.badge_url).pathname)).status).toBe(200);

    await api("PATCH", "/api/v1/team", { rotate_badge_key: true }, bearer(team.write));
    const after = (await api("GET", `/api/v1/monitors/${created.body.id}`, undefined, bearer(team.read))).body.badge_url;
    expect(after).not.toBe(created.body.badge_url);
    expect((await get(new URL(created.body.badge_url).pathname)).status).toBe(404);
    expect((await get(new URL(after).pathname)).status).toBe(200);
  });
});

describe("tag badges", () => {
  it("show the worst status of the tag's monitors; new only when all are new", async () => {
    await monitorsInEveryState("t-");
    const key = await badgeKeyOf();
    expect(await jsonBadge(`/badge/${key}/tag/t-mixed`)).toEqual({ schemaVersion: 1, label: "t-mixed", message: "down", color: "red" });
    expect((await jsonBadge(`/badge/${key}/tag/t-new-only`)).message).toBe("new");
    expect((await get(`/badge/${key}/tag/t-mixed.svg`)).text).toContain("<title>t-mixed: down</title>");
  });
});
