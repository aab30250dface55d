import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SWEEP_LIMIT } from "../../src/cron/jobs";
import { overdueMonitors } from "../../src/db/sweep";
import { fullScans, recordingDb, type SeenQuery } from "../pages/query-plans";

/**
 * The safety net's batch over a backlog larger than one run (say after an outage): the monitors whose alarm
 * should have run longest ago come first, across statuses, the same on every run, and the query reads a
 * bounded number of rows however long the backlog.
 */
const T = Date.parse("2100-06-01T00:00:00Z");
const S = 1000;
const BACKLOG = 400;
/** Seconds of grace of the late monitors: they count as overdue from their deadline plus this. */
const GRACE = 90;

interface Row {
  id: string;
  status: "up" | "running" | "new" | "late";
  due: number;
}

/** Statuses interleaved, deadlines shuffled (a permutation of 0..BACKLOG-1 seconds before T), ids unrelated to either. */
const backlog: Row[] = Array.from({ length: BACKLOG }, (_, i) => ({
  id: `mon_order${String((i * 37) % BACKLOG).padStart(4, "0")}`,
  status: (["up", "running", "new", "late", "up"] as const)[i % 5] ?? "up",
  due: T - ((i * 7919) % BACKLOG) * S,
}));
const missedAt = (row: Row) => (row.status === "late" ? row.due + GRACE * S : row.due);

/**
 * The backlog's rows with ids prefixed by `name`, every deadline moved back to end at `before`; `waitingOnly`
 * makes the late ones up (a longer backlog that only the waiting statuses' ranges see).
 */
async function insertBacklog(name = "order", before = T, waitingOnly = false): Promise<void> {
  const config = JSON.stringify({ grace: GRACE });
  const insert = env.DB.prepare(
    `INSERT INTO monitors (id, team_id, name, ping_token, config, status, status_changed_at, next_due_at, created_at, updated_at)
     VALUES (?1, 'team_default', ?1, ?1, ?2, ?3, 0, ?4, 0, 0)`,
  );
  const statusOf = (row: Row) => (waitingOnly && row.status === "late" ? "up" : row.status);
  const rows = backlog.map((row) => ({ id: row.id.replace("order", name), status: statusOf(row), due: row.due - (T - before) }));
  await env.DB.batch(rows.map((row) => insert.bind(row.id, config, row.status, row.due)));
}

describe("the safety net's batch", () => {
  it("is the longest overdue first, across statuses, ties by id, at most SWEEP_LIMIT, reading bounded rows", async () => {
    await insertBacklog();
    const cutoffs = { waitingBefore: T, lateBefore: T };
    const expected = backlog
      .filter((row) => missedAt(row) < T)
      .sort((a, b) => missedAt(a) - missedAt(b) || a.id.localeCompare(b.id))
      .slice(0, SWEEP_LIMIT)
      .map((row) => row.id);
    const first = await overdueMonitors(env.DB, cutoffs, SWEEP_LIMIT);
    expect(first.monitors.map((m) => m.id)).toEqual(expected);
    // Deterministic: the same batch again.
    expect((await overdueMonitors(env.DB, cutoffs, SWEEP_LIMIT)).monitors.map((m) => m.id)).toEqual(expected);
    // D1 counts a row at each step of the plan that reads it (the range, the subquery, the merge): about
    // three times the rows touched, which are at most SWEEP_LIMIT per waiting status plus the late ones
    // past their deadline (read whole, to order them by their grace).
    const late = backlog.filter((row) => row.status === "late").length;
    expect(first.rowsRead).toBeLessThanOrEqual(3 * (3 * SWEEP_LIMIT + late));
    // A longer backlog of waiting monitors reads no more rows.
    await insertBacklog("more", T - BACKLOG * S, true);
    const longer = await overdueMonitors(env.DB, cutoffs, SWEEP_LIMIT);
    expect(longer.rowsRead).toBeLessThanOrEqual(first.rowsRead);
    expect(longer.monitors[0]?.id).toMatch(/^mon_more/);
  });

  it("uses the status-and-deadline index, never a scan of the monitors", async () => {
    const seen: SeenQuery[] = [];
    const db = recordingDb(env.DB, seen);
    await overdueMonitors(db, { waitingBefore: T, lateBefore: T }, SWEEP_LIMIT);
    expect(seen).toHaveLength(1);
    for (const query of seen) expect(await fullScans(query)).toEqual([]);
  });
});
