import { env } from "cloudflare:workers";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { type MetricsMonitor, renderMetrics } from "../../src/domain/metrics";
import { METRICS_PAGE } from "../../src/services/metrics-stream";
import { fullScans, recordingDb, type SeenQuery } from "../pages/query-plans";
import { bearer, createTeamWithKeys } from "../teams-helpers";

/**
 * /metrics of a team larger than one page of D1 reads: streamed, yet the exposition is exactly the one
 * rendered at once (each family's lines together, every monitor once, in creation order), read in
 * ceil(n / METRICS_PAGE) keyset pages plus the open alert count, every query on an index.
 */
const COUNT = 2 * METRICS_PAGE + 3;
const app = createApp();

/** Monitors inserted straight into D1 (what /metrics reads), a few with tags, status and times varied. */
async function seedTeam(teamId: string): Promise<MetricsMonitor[]> {
  const statuses = ["up", "down", "new", "late", "paused", "running"] as const;
  const monitors: MetricsMonitor[] = Array.from({ length: COUNT }, (_, i) => ({
    id: `mon_page${String(i).padStart(5, "0")}`,
    slug: i % 3 === 0 ? `job-${i}` : null,
    name: `job "${i}"\\`,
    status: statuses[i % statuses.length] ?? "up",
    lastPingAt: i % 4 === 0 ? null : 1_000_000 + i * 1000,
    lastDurationMs: i % 5 === 0 ? 1500 : null,
    nextDueAt: i % 2 === 0 ? 2_000_000 + i * 1000 : null,
    tags: i % 7 === 0 ? ["a", "b"] : [],
  }));
  const insert = env.DB.prepare(
    `INSERT INTO monitors (id, team_id, name, slug, ping_token, config, status, status_changed_at, last_ping_at, last_duration_ms, next_due_at, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?1, '{}', ?5, 0, ?6, ?7, ?8, ?9, 0)`,
  );
  const tag = env.DB.prepare("INSERT INTO monitor_tags (monitor_id, team_id, tag) VALUES (?, ?, ?)");
  // Creation times with ties (every pair shares one), so the page key needs the id as well.
  const statements = monitors.flatMap((m, i) => [
    insert.bind(m.id, teamId, m.name, m.slug, m.status, m.lastPingAt, m.lastDurationMs, m.nextDueAt, Math.floor(i / 2)),
    ...m.tags.map((t) => tag.bind(m.id, teamId, t)),
  ]);
  await env.DB.batch(statements);
  return monitors;
}

describe("/metrics of a team of more than a page", () => {
  it("is the whole exposition, streamed from keyset pages, every query on an index", async () => {
    const team = await createTeamWithKeys("metrics pages");
    const monitors = await seedTeam(team.id);
    const seen: SeenQuery[] = [];
    const response = await app.request(
      "http://lubdub.test/metrics",
      { headers: bearer(team.read) },
      { ...env, DB: recordingDb(env.DB, seen) },
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toBe(renderMetrics(monitors, 0));
    const up = parsePrometheusTextFormat(text).find((f) => f.name === "lubdub_monitor_up");
    expect(up?.metrics.map((m) => m.labels?.monitor)).toEqual(monitors.map((m) => m.id));
    // Pages of METRICS_PAGE and one short one, then the open alerts: nothing read twice.
    const pages = Math.ceil((COUNT + 1) / METRICS_PAGE);
    const reads = seen.filter((q) => /FROM (monitors|alerts)\b/.test(q.sql)); // the others: the key's authentication
    expect(reads.map((q) => (q.sql.includes("FROM alerts") ? "alerts" : "page"))).toEqual([...Array(pages).fill("page"), "alerts"]);
    for (const query of seen) expect(await fullScans(query), query.sql).toEqual([]);
  });

  it("of a team with no monitor is every family's HELP and TYPE and the open alerts", async () => {
    const team = await createTeamWithKeys("metrics empty");
    const response = await app.request("http://lubdub.test/api/v1/metrics", { headers: bearer(team.read) }, env);
    expect(await response.text()).toBe(renderMetrics([], 0));
  });
});
