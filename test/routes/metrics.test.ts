import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import parsePrometheusTextFormat, { type MetricFamily } from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { readStored } from "../../src/db/stored/format";
import { MONITOR_STATE } from "../../src/db/stored/monitor";
import { renderMetrics } from "../../src/domain/metrics";
import { ADMIN_TOKEN, advanceTo, api, createMonitor, ORIGIN, ping, S, setNow, settle, stub, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";
import { watchWaitUntil } from "../wait-until";

// GET /metrics and /api/v1/metrics: the Prometheus text format, read back with a real parser (a port of
// Prometheus' own), per team.

useFakeClock(T0);

async function scrape(path: string, headers: Record<string, string>) {
  const { createApp } = await import("../../src/app");
  const res = await createApp().request(`${ORIGIN}${path}`, { headers }, env);
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}
const families = async (path: string, headers: Record<string, string> = bearer(ADMIN_TOKEN)) => {
  const res = await scrape(path, headers);
  expect(res.status, res.text).toBe(200);
  expect(res.type).toBe("text/plain; version=0.0.4; charset=utf-8");
  return new Map(parsePrometheusTextFormat(res.text).map((f) => [f.name, f]));
};
const sample = (family: MetricFamily | undefined, labels: Record<string, string>) =>
  family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value;

const RID = "0b7e1c2a-0000-4000-8000-00000000000a";

/** The state the monitor's object stored with its newest ping (what it reads back when it wakes). */
const newestStoredState = (monitorId: string) =>
  runInDurableObject(stub(monitorId), (_, state) => {
    const row = state.storage.sql.exec<{ state: string }>("SELECT state FROM ping_log WHERE n = (SELECT MAX(n) FROM ping_log)").one();
    return readStored(MONITOR_STATE, row.state);
  });

describe("Prometheus metrics", () => {
  it("describe every monitor with HELP and TYPE, statuses, timestamps, tags and open alerts", async () => {
    const t = await createTeamWithKeys("metrics");
    const as = bearer(t.write);
    const quiet = (
      await api("POST", "/api/v1/monitors", { name: 'odd "name"', slug: "quiet", interval: 10, grace: 0, tags: ["prod", "backup"] }, as)
    ).body;
    const fresh = (await api("POST", "/api/v1/monitors", { name: "fresh", interval: 60 }, as)).body;
    await ping(quiet.ping_url);
    await advanceTo(quiet.id, T0 + 30 * S);
    await settle(quiet.id);

    const got = await families("/metrics", bearer(t.read));
    for (const name of [
      "lubdub_monitor_up",
      "lubdub_monitor_status",
      "lubdub_monitor_last_ping_timestamp_seconds",
      "lubdub_monitor_next_due_timestamp_seconds",
      "lubdub_alerts_open",
    ]) {
      expect(got.get(name)?.type, name).toBe("GAUGE");
      expect(got.get(name)?.help, name).not.toBe("");
    }
    const q = { monitor: quiet.id, slug: "quiet", name: 'odd "name"', tags: ",backup,prod," };
    expect(sample(got.get("lubdub_monitor_up"), q)).toBe("0");
    expect(sample(got.get("lubdub_monitor_up"), { monitor: fresh.id, slug: "", tags: "" })).toBe("1");
    expect(sample(got.get("lubdub_monitor_status"), { ...q, status: "down" })).toBe("1");
    expect(sample(got.get("lubdub_monitor_status"), { ...q, status: "up" })).toBe("0");
    expect(got.get("lubdub_monitor_status")?.metrics.filter((m) => m.labels?.monitor === fresh.id)).toHaveLength(6);
    expect(sample(got.get("lubdub_monitor_status"), { monitor: fresh.id, status: "new" })).toBe("1");
    expect(Number(sample(got.get("lubdub_monitor_last_ping_timestamp_seconds"), q))).toBe(T0 / 1000);
    // No ping yet: no timestamp rather than a made-up one.
    expect(sample(got.get("lubdub_monitor_last_ping_timestamp_seconds"), { monitor: fresh.id })).toBeUndefined();
    expect(got.get("lubdub_alerts_open")?.metrics[0]?.value).toBe("1");
  });

  it("show a team's key only its own monitors, at /metrics and /api/v1/metrics alike", async () => {
    const a = await createTeamWithKeys("metrics a");
    const b = await createTeamWithKeys("metrics b");
    const mine = (await api("POST", "/api/v1/monitors", { name: "a's", interval: 60 }, bearer(a.write))).body;
    const theirs = (await api("POST", "/api/v1/monitors", { name: "b's", interval: 60 }, bearer(b.write))).body;
    for (const path of ["/metrics", "/api/v1/metrics"]) {
      const ids = (await families(path, bearer(a.read))).get("lubdub_monitor_up")?.metrics.map((m) => m.labels?.monitor);
      expect(ids, path).toEqual([mine.id]);
    }
    const asSuper = await families("/metrics", { ...bearer(ADMIN_TOKEN), "x-lubdub-team": b.id });
    expect(asSuper.get("lubdub_monitor_up")?.metrics.map((m) => m.labels?.monitor)).toEqual([theirs.id]);
  });

  it("/metrics refuses a missing or wrong key like the admin API (401)", async () => {
    for (const headers of [{}, bearer("wrong"), bearer(`lbd_${"a".repeat(32)}`)]) {
      const res = await scrape("/metrics", headers);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.text).error.code).toBe("unauthorized");
    }
  });

  it("show the last run's duration and a fresh last ping between status changes, D1 told at most once per period", async () => {
    const monitor = await createMonitor({ name: "timed", interval: "1h" });
    const reports = await watchWaitUntil(monitor.id);
    const pingAt = async (seconds: number, path = "") => {
      setNow(T0 + seconds * S);
      expect((await ping(`${monitor.ping_url}${path}`)).status).toBe(200);
      await reports.settled();
    };
    const m = { monitor: monitor.id };
    const lastPing = async () => Number(sample((await families("/metrics")).get("lubdub_monitor_last_ping_timestamp_seconds"), m));
    const lastDuration = async () => sample((await families("/metrics")).get("lubdub_monitor_last_duration_seconds"), m);

    await pingAt(0);
    await settle(monitor.id);
    await pingAt(300, `/start?rid=${RID}`);
    expect(await lastPing()).toBe(T0 / 1000 + 300);
    await pingAt(345.5, `?rid=${RID}`);
    // Within the period the run's end stays in the object (in the row the ping wrote), D1 does not hear of it.
    expect(await lastPing()).toBe(T0 / 1000 + 300);
    expect(await lastDuration()).toBeUndefined();
    expect(await newestStoredState(monitor.id)).toMatchObject({
      status: "up",
      lastPingAt: T0 + 345_500,
      lastDurationMs: 45_500,
      livenessReportedAt: T0 + 300 * S,
    });
    await pingAt(600);
    expect(await lastPing()).toBeCloseTo(T0 / 1000 + 600, 3);
    expect(Number(await lastDuration())).toBeCloseTo(45.5, 3);
    expect(reports.count()).toBe(3); // at 0, 300 and 600 s; not at 345.5 s
    const family = (await families("/metrics")).get("lubdub_monitor_last_duration_seconds");
    expect(family?.type).toBe("GAUGE");
    expect(family?.help).toContain("/start");
    expect(family?.metrics.find((s) => s.labels?.monitor === monitor.id)?.labels).toEqual({
      monitor: monitor.id,
      slug: "",
      name: "timed",
      tags: "",
    });
  });

  it("a run that ends in failure shows its duration at once: the status change's sync carries it", async () => {
    const monitor = await createMonitor({ name: "failing", interval: "1h" });
    const reports = await watchWaitUntil(monitor.id);
    await ping(monitor.ping_url);
    setNow(T0 + 10 * S);
    await ping(`${monitor.ping_url}/start?rid=${RID}`);
    setNow(T0 + 70 * S);
    await ping(`${monitor.ping_url}/fail?rid=${RID}`);
    await reports.settled();
    expect(reports.count()).toBe(1); // the first ping's: the failure came within the period
    await settle(monitor.id);
    const got = await families("/metrics");
    expect(sample(got.get("lubdub_monitor_status"), { monitor: monitor.id, status: "down" })).toBe("1");
    expect(Number(sample(got.get("lubdub_monitor_last_duration_seconds"), { monitor: monitor.id }))).toBe(60);
    expect(Number(sample(got.get("lubdub_monitor_last_ping_timestamp_seconds"), { monitor: monitor.id }))).toBe(T0 / 1000 + 70);
  });

  it("escapes label values so any name parses", () => {
    const text = renderMetrics(
      [{ id: "mon_x", slug: null, name: 'a\\b"c\nd', status: "up", lastPingAt: 1500, lastDurationMs: null, nextDueAt: null, tags: [] }],
      0,
    );
    const [up] = parsePrometheusTextFormat(text);
    expect(up?.metrics[0]?.labels?.name).toBe('a\\b"c\nd');
    expect(parsePrometheusTextFormat(text).find((f) => f.name === "lubdub_monitor_last_ping_timestamp_seconds")?.metrics[0]?.value).toBe(
      "1.5",
    );
  });
});
