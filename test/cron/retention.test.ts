import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RETENTION_BATCH } from "../../src/cron/jobs";
import { pruneHistory } from "../../src/db/retention";
import { capturingDb, fullScans, queryPlan } from "../d1-capture";
import { setNow, T0, useFakeClock } from "../helpers";
import { runCronTrigger } from "./run-cron";

useFakeClock(T0);

const DAY = 24 * 60 * 60 * 1000;
const OLD = T0 - 91 * DAY;
const RECENT = T0 - 89 * DAY;
let seq = 0;
const unique = (prefix: string) => `${prefix}_${(seq++).toString().padStart(6, "0")}`;

async function insertAlert(openedAt: number, closedAt: number | null, deliveries = 1): Promise<string> {
  const id = unique("alt");
  const statements = [
    env.DB.prepare(
      "INSERT INTO alerts (id, monitor_id, team_id, reason, opened_at, closed_at) VALUES (?, 'mon_x', 'team_default', 'missed', ?, ?)",
    ).bind(id, openedAt, closedAt),
  ];
  for (let i = 0; i < deliveries; i++) {
    statements.push(
      env.DB.prepare(
        `INSERT INTO deliveries (id, alert_id, monitor_id, team_id, channel_id, event_type, status, attempts, payload, created_at, updated_at)
         VALUES (?, ?, 'mon_x', 'team_default', 'chn_x', 'alert.opened', 'delivered', 1, '{}', ?, ?)`,
      ).bind(unique("dlv"), id, openedAt, openedAt),
    );
  }
  await env.DB.batch(statements);
  return id;
}

const insertFlips = (at: number, count: number) =>
  env.DB.batch(
    Array.from({ length: count }, () =>
      env.DB.prepare("INSERT INTO flips (id, team_id, monitor_id, at, to_status) VALUES (?, 'team_default', 'mon_x', ?, 'up')").bind(
        unique("flp"),
        at,
      ),
    ),
  );

const insertSession = (expiresAt: number) =>
  env.DB.prepare(
    "INSERT INTO sessions (id_hash, team_id, scope, csrf, created_at, expires_at) VALUES (?, 'team_default', 'read', 'c', ?, ?)",
  )
    .bind(unique("ses"), expiresAt - DAY, expiresAt)
    .run();

const count = async (sql: string, ...binds: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...binds)
    .first<number>("n")) ?? 0;
const alertExists = async (id: string) => (await count("SELECT COUNT(*) AS n FROM alerts WHERE id = ?", id)) === 1;
const deliveriesOf = (id: string) => count("SELECT COUNT(*) AS n FROM deliveries WHERE alert_id = ?", id);

describe("retention (the Cron Trigger)", () => {
  it("prunes closed alerts, their deliveries, flips and expired sessions past RETENTION_DAYS; keeps recent and open ones", async () => {
    const oldClosed = await insertAlert(OLD - DAY, OLD, 3);
    const recentClosed = await insertAlert(OLD, RECENT, 2);
    const oldOpen = await insertAlert(OLD - 10 * DAY, null, 2);
    await insertFlips(OLD, 2);
    await insertFlips(RECENT, 1);
    await insertSession(T0 - 1);
    await insertSession(T0 + DAY);

    await runCronTrigger();

    expect(await alertExists(oldClosed)).toBe(false);
    expect(await deliveriesOf(oldClosed)).toBe(0);
    expect(await alertExists(recentClosed)).toBe(true);
    expect(await deliveriesOf(recentClosed)).toBe(2);
    expect(await alertExists(oldOpen)).toBe(true);
    expect(await deliveriesOf(oldOpen)).toBe(2);
    expect(await count("SELECT COUNT(*) AS n FROM flips WHERE at = ?", OLD)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM flips WHERE at = ?", RECENT)).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM sessions WHERE expires_at < ?", T0)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM sessions WHERE expires_at > ?", T0)).toBe(1);
  });

  it("takes RETENTION_DAYS from the setting", async () => {
    const tenDaysOld = await insertAlert(T0 - 11 * DAY, T0 - 10 * DAY);
    await runCronTrigger();
    expect(await alertExists(tenDaysOld)).toBe(true);
    await runCronTrigger({ RETENTION_DAYS: "7" });
    expect(await alertExists(tenDaysOld)).toBe(false);
  });

  it("drains a backlog a bounded batch per run, deliveries before their alert", async () => {
    const busy = await insertAlert(OLD - DAY, OLD, RETENTION_BATCH + 100);
    await insertFlips(OLD, 2 * RETENTION_BATCH + 50);

    await runCronTrigger();
    expect(await deliveriesOf(busy)).toBe(100);
    expect(await alertExists(busy)).toBe(true);
    expect(await count("SELECT COUNT(*) AS n FROM flips WHERE at = ?", OLD)).toBe(RETENTION_BATCH + 50);

    setNow(T0 + 60_000);
    await runCronTrigger();
    expect(await alertExists(busy)).toBe(false);
    expect(await count("SELECT COUNT(*) AS n FROM flips WHERE at = ?", OLD)).toBe(50);

    await runCronTrigger();
    expect(await count("SELECT COUNT(*) AS n FROM flips WHERE at = ?", OLD)).toBe(0);
  });

  it("finds every batch by an index, never a scan of the table", async () => {
    await insertAlert(OLD - DAY, OLD, 2);
    await insertFlips(OLD, 2);
    const { db, queries } = capturingDb();
    await pruneHistory(db, T0 - 90 * DAY, T0, RETENTION_BATCH);
    expect(queries).toHaveLength(4);
    for (const query of queries) expect(fullScans(await queryPlan(query)), query.sql).toEqual([]);
  });
});
