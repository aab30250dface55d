import { keyHash, keyPrefix } from "../../src/keys";
import { T0 } from "../helpers";

/**
 * What each release wrote to D1, for test/db/upgrades.test.ts: one fixture per migration from 0002 on, the rows
 * the release just before that migration wrote (its columns, its JSON), taken from `git log -p -- migrations/
 * src/db/`. A fixture lists what that release's code wrote; the writer below turns it into that release's INSERTs.
 *
 * A new migration needs its fixture here: the rows today's code writes (the release before the new migration),
 * with anything the new migration adds left out.
 */
export interface Release {
  /** 0002: slugs and team_default (with its ping key); the code set create_on_ping. */
  slugs: boolean;
  /** 0003, 0004: the team's maintenance windows, then its default channels. */
  teamMaintenance: boolean;
  defaultChannels: boolean;
  /** 0005: team_id on channels, alerts and deliveries; api_keys. */
  teams: boolean;
  /** The monitor config's `version` field (stored formats, from the 0005 release on). */
  configVersion: 0 | 1;
  /** A channel config's envelope: bare fields, then `v: 1` (the channel registry), then `version: 1` (0009 on). */
  channelEnvelope: "bare" | "v" | "version";
  /** 0006: monitor_tags rows beside the config's tags. */
  tags: boolean;
  /** 0007: the team's badge key. */
  badgeKey: boolean;
  /** 0008: monitors.last_duration_ms. */
  lastDuration: boolean;
  /** 0009: flips. */
  flips: boolean;
  /** 0010: dashboard sessions. */
  sessions: boolean;
  /** 0011: the team's status page. */
  statusPage: boolean;
  /** 0012: monitors.changed_at and teams.monitors_removed. */
  changeMarker: boolean;
}

const FIRST: Release = {
  slugs: false,
  teamMaintenance: false,
  defaultChannels: false,
  teams: false,
  configVersion: 0,
  channelEnvelope: "bare",
  tags: false,
  badgeKey: false,
  lastDuration: false,
  flips: false,
  sessions: false,
  statusPage: false,
  changeMarker: false,
};
const after = (previous: Release, added: Partial<Release>): Release => ({ ...previous, ...added });

// Each release is the one before it plus what its migration let it write.
// R0001 is the first release (0.1, src/db/stored/monitor.ts), whose config shape version 0 names. The skeleton
// commit before it (c9ea06d: `interval` seconds, no `schedule`) was never released, and today's code cannot read it.
const R0001 = FIRST;
const R0002 = after(R0001, { slugs: true });
const R0003 = after(R0002, { teamMaintenance: true });
const R0004 = after(R0003, { defaultChannels: true });
const R0005 = after(R0004, { teams: true, configVersion: 1, channelEnvelope: "v" });
const R0006 = after(R0005, { tags: true });
const R0007 = after(R0006, { badgeKey: true });
const R0008 = after(R0007, { lastDuration: true });
const R0009 = after(R0008, { flips: true, channelEnvelope: "version" });
const R0010 = after(R0009, { sessions: true });
const R0011 = after(R0010, { statusPage: true });
const R0012 = after(R0011, { changeMarker: true });
const R0013 = R0012;
// 0014 to 0017 add nullable columns only (team limits, a channel's events, a team's alert grouping, a
// delivery's group): the releases before them wrote nothing those columns would need.
const R0014 = R0013;
const R0015 = R0014;
const R0016 = R0015;

/** Migration name → the release that ran just before it. */
export const RELEASE_BEFORE: Record<string, Release> = {
  "0002_add_slugs_and_teams": R0001,
  "0003_add_team_maintenance": R0002,
  "0004_add_team_default_channels": R0003,
  "0005_add_team_keys": R0004,
  "0006_add_monitor_tags": R0005,
  "0007_add_team_badge_keys": R0006,
  "0008_add_monitor_last_duration": R0007,
  "0009_create_flips": R0008,
  "0010_create_sessions": R0009,
  "0011_add_team_status_pages": R0010,
  "0012_add_monitor_change_marker": R0011,
  "0013_add_retention_indexes": R0012,
  "0014_add_team_limits": R0013,
  "0015_add_channel_events": R0014,
  "0016_add_team_alert_grouping": R0015,
  "0017_add_delivery_group": R0016,
};

export const IDS = {
  monitor: "mon_bbbbbbbbbbbbbbbbbbbbbbbbbb",
  channel: "chn_aaaaaaaaaaaaaaaaaaaaaaaaaa",
  alert: "alt_cccccccccccccccccccccccccc",
  delivery: "dlv_dddddddddddddddddddddddddd",
  key: "key_eeeeeeeeeeeeeeeeeeeeeeeeee",
  flip: "flp_ffffffffffffffffffffffffff",
  slug: "backup",
  badgeKey: "0123456789abcdef0123456789abcdef",
  statusPageKey: "fedcba9876543210fedcba9876543210",
  sessionHash: "ab".repeat(32),
  /** A key as the release generated it: `lbd_` and 32 base32 characters. */
  apiKey: `lbd_${"a".repeat(32)}`,
};
const PING_TOKEN = `${"b".repeat(26)}${"e".repeat(26)}`;

/** The monitor config as that release serialized it: 0.1's fields, then team windows (0003), a version, tags (0006). */
function monitorConfig(release: Release): string {
  const config = {
    ...(release.configVersion === 1 ? { version: 1 } : {}),
    id: IDS.monitor,
    pingToken: PING_TOKEN,
    name: "backup",
    slug: IDS.slug,
    schedule: { kind: "interval", interval: 60 },
    grace: 0,
    earlyTolerance: 0,
    maxRuntime: null,
    manualResume: false,
    successKeywords: [],
    failureKeywords: [],
    maintenance: [],
    ...(release.teamMaintenance ? { teamMaintenance: [] } : {}),
    pingLogSize: 100,
    summary: null,
    ...(release.tags ? { tags: ["nightly"] } : {}),
    enabled: true,
    createdAt: T0,
    updatedAt: T0,
    channels: [IDS.channel],
    escalation: [],
    remindEvery: null,
    failureThreshold: 1,
    recoveryThreshold: 1,
  };
  return JSON.stringify(config);
}

const ENVELOPE = { bare: {}, v: { v: 1 }, version: { version: 1 } };

/** The webhook channel's config in that release's envelope. */
const channelConfig = (release: Release) =>
  JSON.stringify({
    type: "webhook",
    url: "http://receiver.test/ops",
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    headers: {},
    ...ENVELOPE[release.channelEnvelope],
  });

/** One row per table the release had, with the columns its INSERTs named (a column it did not know is left out). */
export async function writeAsRelease(db: D1Database, release: Release): Promise<void> {
  const team = release.teams ? ["team_id"] : [];
  const statements = [
    insert(db, "channels", {
      id: IDS.channel,
      type: "webhook",
      name: "ops",
      config: channelConfig(release),
      status: "ok",
      failing_reason: null,
      created_at: T0,
      updated_at: T0,
      ...(release.teams ? { team_id: "team_default" } : {}),
    }),
    insert(db, "monitors", {
      id: IDS.monitor,
      name: "backup",
      ping_token: PING_TOKEN,
      config: monitorConfig(release),
      status: "up",
      status_changed_at: T0,
      last_ping_at: T0,
      next_due_at: T0 + 60_000,
      created_at: T0,
      updated_at: T0,
      ...(release.slugs ? { slug: IDS.slug } : {}),
      ...(release.teams ? { team_id: "team_default" } : {}),
      ...(release.lastDuration ? { last_duration_ms: 1500 } : {}),
      ...(release.changeMarker ? { changed_at: T0 } : {}),
    }),
    insert(db, "alerts", {
      id: IDS.alert,
      monitor_id: IDS.monitor,
      reason: "missed",
      opened_at: T0,
      closed_at: T0 + 1000,
      close_reason: "ping",
      ...pick(team, "team_default"),
    }),
    insert(db, "deliveries", {
      id: IDS.delivery,
      alert_id: IDS.alert,
      monitor_id: IDS.monitor,
      channel_id: IDS.channel,
      event_type: "alert.opened",
      status: "delivered",
      attempts: 1,
      last_status_code: 200,
      last_error: null,
      next_attempt_at: null,
      delivered_at: T0,
      payload: "{}",
      created_at: T0,
      updated_at: T0,
      ...pick(team, "team_default"),
    }),
  ];
  if (release.slugs) statements.push(teamSettings(db, release));
  if (release.teams)
    statements.push(
      insert(db, "api_keys", {
        id: IDS.key,
        team_id: "team_default",
        name: "ci",
        scope: "write",
        prefix: keyPrefix(IDS.apiKey),
        hash: await keyHash(IDS.apiKey),
        created_at: T0,
        last_used_at: null,
        revoked_at: null,
      }),
    );
  if (release.tags) statements.push(insert(db, "monitor_tags", { team_id: "team_default", tag: "nightly", monitor_id: IDS.monitor }));
  if (release.flips)
    statements.push(
      insert(db, "flips", {
        id: IDS.flip,
        team_id: "team_default",
        monitor_id: IDS.monitor,
        at: T0,
        from_status: "new",
        to_status: "up",
        reason: null,
        alert_id: null,
      }),
    );
  if (release.sessions)
    statements.push(
      insert(db, "sessions", {
        id_hash: IDS.sessionHash,
        team_id: "team_default",
        key_id: IDS.key,
        admin_hash: null,
        scope: "write",
        csrf: "c".repeat(32),
        created_at: T0,
        expires_at: T0 + 86_400_000,
      }),
    );
  await db.batch(statements);
}

const pick = (columns: string[], value: string) => Object.fromEntries(columns.map((column) => [column, value]));

function insert(db: D1Database, table: string, row: Record<string, string | number | null>): D1PreparedStatement {
  const columns = Object.keys(row);
  return db
    .prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`)
    .bind(...Object.values(row));
}

/** team_default's settings as that release's PATCH /team wrote them. */
function teamSettings(db: D1Database, release: Release): D1PreparedStatement {
  const set: Record<string, string | number | null> = { create_on_ping: 1 };
  if (release.teamMaintenance) set.maintenance = JSON.stringify([{ kind: "once", startsAt: T0 + 86_400_000, endsAt: T0 + 90_000_000 }]);
  if (release.defaultChannels) set.default_channels = JSON.stringify([IDS.channel]);
  if (release.badgeKey) set.badge_key = IDS.badgeKey;
  if (release.statusPage) Object.assign(set, { status_page_key: IDS.statusPageKey, status_page_tag: "nightly" });
  const columns = Object.keys(set);
  return db.prepare(`UPDATE teams SET ${columns.map((c) => `${c} = ?`).join(", ")} WHERE id = 'team_default'`).bind(...Object.values(set));
}
