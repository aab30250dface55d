import { env } from "cloudflare:workers";
import parsePrometheusTextFormat, { type MetricFamily } from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { renderMetrics } from "../src/domain/metrics";
import { ADMIN_TOKEN, advanceTo, api, ORIGIN, ping, S, settle, T0, useFakeClock } from "./helpers";
import { bearer, createTeamWithKeys } from "./teams-helpers";

// GET /metrics and /api/v1/metrics: the Prometheus text format, read back with a real parser (a port of
// Prometheus' own), per team.

useFakeClock(T0);

async function scrape(path: string, headers: Record<string, string>) {
  const { createApp } = await import("../src/app");
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

describe("Prometheus metrics", () => {
  it("describe every monitor with HELP and TYPE, statuses, timestamps, tags and open alerts", async () => {
    const t = await createTeamWithKeys("metrics");
    const as = bearer(t.write);
    const quiet = (await api("POST", "/api/v1/monitors", { name: 'odd "name"', slug: "quiet", interval: 10, tags: ["prod", "backup"] }, as))
      .body;
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
