/**
 * Slug URLs (`/ping/<ping_key>/<slug>`), from healthchecks.io's Pinging API docs ("UUIDs and Slugs": a-z,
 * 0-9, hyphens and underscores; slugs can be changed) and hc/api/tests/test_ping_by_slug.py.
 */
import { describe, expect, it } from "vitest";
import { api, createMonitor, S, setNow, T0, useFakeClock } from "../helpers";
import { alertsOf, monitorView, pingLog, RID_A, send, slugUrl, teamPingKey } from "./compat-helpers";

useFakeClock(T0);

describe("pinging by slug", () => {
  // test_it_works, test_never_caches: "OK", CORS for any origin, never cached.
  it("answers 200 OK with CORS and no-cache, and the monitor is up", async () => {
    const monitor = await createMonitor({ interval: "1h", slug: "db-backup" });
    const res = await send(slugUrl(await teamPingKey(), "db-backup"));
    expect(res).toMatchObject({ status: 200, text: "OK" });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toContain("no-cache");
    expect(await monitorView(monitor.id)).toMatchObject({ status: "up", last_ping_at: new Date(T0).toISOString() });
  });

  // test_fail_endpoint_works, test_start_endpoint_works, test_zero/nonzero_exit_status_works, by slug.
  it.each([
    ["/start", "start", null, "running"],
    ["/fail", "fail", null, "down"],
    ["/0", "success", 0, "up"],
    ["/123", "fail", 123, "down"],
    ["/log", "log", null, "new"],
    ["/", "success", null, "up"],
    [`/start?rid=${RID_A}`, "start", null, "running"],
  ])("%s by slug: logged as %s (exit status %s), status %s", async (rest, kind, exitStatus, status) => {
    const slug = `job-${kind}-${String(exitStatus)}-${rest.length}`;
    const monitor = await createMonitor({ interval: "1h", slug });
    expect(await send(slugUrl(await teamPingKey(), slug, rest), "POST", "output")).toMatchObject({ status: 200, text: "OK" });
    expect(await pingLog(monitor.id)).toEqual([expect.objectContaining({ kind, exit_status: exitStatus, method: "POST" })]);
    expect((await monitorView(monitor.id)).status).toBe(status);
  });

  it("the rid pairs a start and its end by slug as by token", async () => {
    const monitor = await createMonitor({ interval: "1h", slug: "paired-by-slug" });
    const key = await teamPingKey();
    await send(slugUrl(key, "paired-by-slug", `/start?rid=${RID_A}`));
    setNow(T0 + 12 * S);
    await send(slugUrl(key, "paired-by-slug", `?rid=${RID_A}`));
    expect((await pingLog(monitor.id))[0]).toMatchObject({ kind: "success", rid: RID_A, duration: 12 });
    expect((await monitorView(monitor.id)).status).toBe("up");
  });

  // A renamed slug: the new one answers, the old one is unknown (slugs "can be changed").
  it("after a slug change the new slug answers and the old one is 404", async () => {
    const monitor = await createMonitor({ interval: "1h", slug: "old-name" });
    expect((await api("PATCH", `/api/v1/monitors/${monitor.id}`, { slug: "new-name" })).status).toBe(200);
    const key = await teamPingKey();
    expect(await send(slugUrl(key, "old-name"))).toMatchObject({ status: 404, text: "not found" });
    expect(await send(slugUrl(key, "new-name"))).toMatchObject({ status: 200, text: "OK" });
    expect(await pingLog(monitor.id)).toHaveLength(1);
  });
});

describe("slugs that name nothing", () => {
  // test_auto_provisioning_is_off_by_default, test_it_handles_wrong_ping_key: 404 "not found".
  it("an unknown slug, a wrong ping key, a malformed ping key or a deleted monitor's slug is 404 and pings nothing", async () => {
    const monitor = await createMonitor({ interval: "1h", slug: "guarded-job" });
    const gone = await createMonitor({ interval: "1h", slug: "deleted-job" });
    expect((await api("DELETE", `/api/v1/monitors/${gone.id}`)).status).toBe(204);
    const key = await teamPingKey();
    const otherKey = `${key.startsWith("0") ? "1" : "0"}${key.slice(1)}`;
    for (const url of [
      slugUrl(key, "unguarded-job"),
      slugUrl(otherKey, "guarded-job"),
      slugUrl("rrrrrrrrrrrrrrrrrrrrrr", "guarded-job"),
      slugUrl(key.slice(1), "guarded-job"),
      slugUrl(key, "deleted-job"),
      slugUrl(key, "guarded-job", "/start/extra"),
    ]) {
      expect(await send(url), url).toMatchObject({ status: 404, text: "not found" });
    }
    expect(await monitorView(monitor.id)).toMatchObject({ status: "new", last_ping_at: null });
    expect(await pingLog(monitor.id)).toEqual([]);
  });

  // healthchecks' slug route accepts upper case and finds no check (404). Slugs are lower case in both, so lubdub
  // says so: a 400 that gives the slug to use (a deliberate difference).
  it("an upper-case slug is a 400 that gives the lower-case slug, and pings nothing", async () => {
    const monitor = await createMonitor({ interval: "1h", slug: "nightly-report" });
    for (const slug of ["Nightly-Report", "NIGHTLY-REPORT"]) {
      const res = await send(slugUrl(await teamPingKey(), slug));
      expect(res.status, slug).toBe(400);
      expect(JSON.parse(res.text), slug).toMatchObject({ error: { message: expect.stringContaining("nightly-report") } });
    }
    expect(await pingLog(monitor.id)).toEqual([]);
    expect(await alertsOf(monitor.id)).toEqual([]);
  });

  it("a slug with characters no slug may have is a 400 naming the rule", async () => {
    const res = await send(slugUrl(await teamPingKey(), "back.up"));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: { details: [expect.objectContaining({ path: "slug" })] } });
  });
});
