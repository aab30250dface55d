import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { channelKind } from "../../src/channels/registry";
import { storedChannelConfig } from "../../src/channels/stored";
import { writeStored } from "../../src/db/stored/format";
import { MONITOR_CONFIG } from "../../src/db/stored/monitor";
import { DEFAULT_ALERT_GROUPING } from "../../src/domain/alert-group";
import { monitorCreateInput } from "../../src/schemas/monitor";
import { configFromCreate } from "../../src/services/monitor-config";
import { validate } from "../../src/validation";
import { api, stub, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";

// A database written by the release before teams (migrations 0001-0004, rows as its SQL wrote them)
// gains 0005: every row lands in team_default, and the ADMIN_TOKEN alone reads all of it back.

useFakeClock(T0);

const [before, after] = [env.TEST_MIGRATIONS.filter((m) => m.name < "0005"), env.TEST_MIGRATIONS];
const CHANNEL = "chn_aaaaaaaaaaaaaaaaaaaaaaaaaa";
const MONITOR = "mon_bbbbbbbbbbbbbbbbbbbbbbbbbb";
const ALERT = "alt_cccccccccccccccccccccccccc";
const DELIVERY = "dlv_dddddddddddddddddddddddddd";

/** Back to an empty database at 0004 (the file's setup applied every migration; every table is dropped, whichever migration added it). */
async function databaseAt0004(): Promise<void> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  for (const { name } of results) await env.DB.prepare(`DROP TABLE IF EXISTS "${name}"`).run();
  await applyD1Migrations(env.DB, before);
}

/** The rows today's release writes, with its own SQL (no team_id outside monitors). */
async function writeAsTheOldRelease(): Promise<void> {
  const channel = storedChannelConfig(
    channelKind("webhook").configFromInput({ type: "webhook", name: "ops", url: "http://receiver.test/ops" }),
  );
  const input = validate(monitorCreateInput, { name: "backup", slug: "backup", interval: 60, channels: [CHANNEL] }, "body");
  const config = configFromCreate(
    { ...input, channels: [CHANNEL], escalation: [] },
    { id: MONITOR, pingToken: `${"b".repeat(26)}${"e".repeat(26)}`, teamMaintenance: [], teamAlertGrouping: DEFAULT_ALERT_GROUPING },
    T0,
  );
  await stub(MONITOR).configure(config, []);
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO channels (id, type, name, config, status, failing_reason, created_at, updated_at) VALUES (?, 'webhook', 'ops', ?, 'ok', NULL, ?, ?)",
    ).bind(CHANNEL, JSON.stringify(channel), T0, T0),
    env.DB.prepare(
      "INSERT INTO monitors (id, name, slug, ping_token, config, status, status_changed_at, created_at, updated_at) VALUES (?, 'backup', 'backup', ?, ?, 'new', ?, ?, ?)",
    ).bind(MONITOR, config.pingToken, writeStored(MONITOR_CONFIG, config), T0, T0, T0),
    env.DB.prepare(
      "INSERT INTO alerts (id, monitor_id, reason, opened_at, closed_at, close_reason) VALUES (?, ?, 'missed', ?, NULL, NULL)",
    ).bind(ALERT, MONITOR, T0),
    env.DB.prepare(
      `INSERT INTO deliveries (id, alert_id, monitor_id, channel_id, event_type, status, attempts, last_status_code, last_error,
         next_attempt_at, delivered_at, payload, created_at, updated_at) VALUES (?, ?, ?, ?, 'alert.opened', 'delivered', 1, 200, NULL, NULL, ?, '{}', ?, ?)`,
    ).bind(DELIVERY, ALERT, MONITOR, CHANNEL, T0, T0, T0),
    env.DB.prepare("UPDATE teams SET create_on_ping = 1, default_channels = ?, maintenance = ? WHERE id = 'team_default'").bind(
      JSON.stringify([CHANNEL]),
      JSON.stringify([{ kind: "once", startsAt: T0 + 86_400_000, endsAt: T0 + 90_000_000 }]),
    ),
  ]);
}

describe("migration 0005 on a database written before teams", () => {
  it("keeps every row, in team_default, readable with the ADMIN_TOKEN alone and by no other team", async () => {
    await databaseAt0004();
    await writeAsTheOldRelease();
    await applyD1Migrations(env.DB, after);

    const team = (await api("GET", "/api/v1/team")).body;
    expect(team).toMatchObject({ id: "team_default", create_on_ping: true, default_channels: [CHANNEL] });
    expect(team.maintenance).toHaveLength(1);
    expect((await api("GET", "/api/v1/channels")).body.data.map((c: { id: string }) => c.id)).toEqual([CHANNEL]);
    expect((await api("GET", `/api/v1/channels/${CHANNEL}`)).body).toMatchObject({ name: "ops", type: "webhook" });
    expect((await api("GET", "/api/v1/monitors")).body.data.map((m: { id: string }) => m.id)).toEqual([MONITOR]);
    expect((await api("GET", `/api/v1/monitors/${MONITOR}`)).body).toMatchObject({ slug: "backup", channels: [CHANNEL] });
    expect((await api("GET", "/api/v1/alerts")).body.data.map((a: { id: string }) => a.id)).toEqual([ALERT]);
    expect((await api("GET", `/api/v1/alerts/${ALERT}/deliveries`)).body.data.map((d: { id: string }) => d.id)).toEqual([DELIVERY]);
    expect((await api("GET", `/api/v1/deliveries/${DELIVERY}`)).body).toMatchObject({ status: "delivered", channel_id: CHANNEL });
    expect((await api("GET", `/api/v1/channels/${CHANNEL}/deliveries`)).body.data).toHaveLength(1);

    const other = await createTeamWithKeys("newcomer");
    for (const path of [
      `/api/v1/monitors/${MONITOR}`,
      `/api/v1/channels/${CHANNEL}`,
      `/api/v1/alerts/${ALERT}`,
      `/api/v1/deliveries/${DELIVERY}`,
    ]) {
      expect((await api("GET", path, undefined, bearer(other.read))).status, path).toBe(404);
    }
    expect((await api("GET", "/api/v1/alerts", undefined, bearer(other.read))).body.data).toEqual([]);
  });
});
