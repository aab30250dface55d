import { type ChannelRecord, getChannels, oldestChannelIds, teamChannels } from "../db/channels";
import {
  deleteMonitor,
  getMonitor,
  insertMonitor,
  type MonitorRecord,
  monitorIdsOfTeam,
  monitorIdsUsingChannel,
  statusUpdateStatement,
  updateMonitorConfig,
} from "../db/monitors";
import { getTeam, saveTeam, type TeamRecord } from "../db/teams";
import type { MonitorSnapshot } from "../do/monitor-object";
import { monitorStub } from "../do/stub";
import { initialState, type MonitorConfig } from "../domain/monitor";
import { ApiError, invalidInput, notFound } from "../errors";
import { newId, newPingToken } from "../ids";
import { MAX_CHANNELS_PER_LIST } from "../schemas/common";
import type { MonitorCreateInput, MonitorPatchInput } from "../schemas/monitor";
import { cachedChannel, namedChannelIds } from "./channel-push";
import { assertPingLogAllowed, assertRoomFor, insertWithinLimit } from "./limits";
import { applyPatch, configFromCreate } from "./monitor-config";

/** The channels a monitor names, by the field that names each. */
const namedChannels = (config: Pick<MonitorConfig, "channels" | "escalation">): [string, string][] => [
  ...config.channels.map((id, i): [string, string] => [`channels[${i}]`, id]),
  ...config.escalation.flatMap((step, s) => step.channels.map((id, i): [string, string] => [`escalation[${s}].channels[${i}]`, id])),
];

/**
 * Every channel named (as [field, id]) must exist in the team; the error names each field that does not.
 * Another team's channel is as unknown as one that never existed. Returns the channels, which the
 * monitor's object keeps (one read serves the check and the object's copy).
 */
export async function requireChannels(db: D1Database, teamId: string, named: [string, string][]): Promise<ChannelRecord[]> {
  const channels = await teamChannels(db, teamId, [...new Set(named.map(([, id]) => id))]);
  const existing = new Set(channels.map((channel) => channel.id));
  const missing = named.filter(([, id]) => !existing.has(id)).map(([path, id]) => ({ path, message: `no channel ${id}` }));
  if (missing.length > 0) throw invalidInput("body", missing);
  return channels;
}

/**
 * A channel that is going away stops being named by any monitor (in D1 and in their objects) and by the
 * team's default channels. A default list left empty goes back to "every channel": otherwise monitors
 * created by a ping would silently alert nobody.
 */
export async function forgetChannel(env: Env, channel: Pick<ChannelRecord, "id" | "teamId">, now: number): Promise<void> {
  const channelId = channel.id;
  const team = await getTeam(env.DB, channel.teamId);
  if (team?.defaultChannels?.includes(channelId)) {
    const remaining = team.defaultChannels.filter((id) => id !== channelId);
    await saveTeam(env.DB, { ...team, defaultChannels: remaining.length > 0 ? remaining : null });
  }
  for (const monitorId of await monitorIdsUsingChannel(env.DB, channelId)) {
    const record = await getMonitor(env.DB, channel.teamId, monitorId);
    if (!record) continue;
    const channels = record.config.channels.filter((id) => id !== channelId);
    const escalation = record.config.escalation
      .map((step) => ({ ...step, channels: step.channels.filter((id) => id !== channelId) }))
      .filter((step) => step.channels.length > 0);
    await updateMonitor(env, record, { channels, escalation }, now);
  }
}

/**
 * D1 learns the status the object lists (what its outbox tells D1, at once), unless it already knows a
 * newer one. Not the live status: a run on an up monitor stays `up` in D1 (do/jobs.ts `listedChange`).
 */
export async function recordStatus(db: D1Database, snapshot: MonitorSnapshot): Promise<void> {
  const { config, state, nextDueAt } = snapshot;
  await statusUpdateStatement(db, {
    monitorId: config.id,
    status: state.listedStatus ?? state.status,
    at: state.statusChangedAt,
    lastPingAt: state.lastPingAt,
    nextDueAt,
    lastDurationMs: state.lastDurationMs,
  }).run();
}

/** A slug is unique per team: the unique index says so, this says it in the API's words. */
async function saveUniquely(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (err instanceof Error && /UNIQUE constraint failed: monitors\.team_id, monitors\.slug/.test(err.message)) {
      throw new ApiError("conflict", "slug is already used by another monitor", [{ path: "slug", message: "already in use" }]);
    }
    throw err;
  }
}

/**
 * The channels of a monitor created without `channels` or `escalation` (through the API or by a ping):
 * the team's default channels, or every channel of the team (the oldest 20) while it names none, so a
 * new monitor alerts somebody. A default channel deleted since it was chosen is skipped.
 */
async function teamDefaultChannels(db: D1Database, team: TeamRecord): Promise<string[]> {
  const named = team.defaultChannels ?? (await oldestChannelIds(db, team.id, MAX_CHANNELS_PER_LIST));
  const existing = new Set((await teamChannels(db, team.id, named)).map((channel) => channel.id));
  return named.filter((id) => existing.has(id));
}

export async function createMonitor(env: Env, teamId: string, input: MonitorCreateInput, now: number): Promise<MonitorSnapshot> {
  const id = newId("mon");
  const team = await getTeam(env.DB, teamId);
  if (!team) throw notFound("team");
  // Refused before the object is touched: a refusal writes nothing anywhere.
  assertPingLogAllowed(env, team, input.ping_log_size);
  await assertRoomFor(env, teamId, "monitors");
  const { channels: givenChannels, escalation = [] } = input;
  const alerting = {
    escalation,
    channels: givenChannels ?? (input.escalation === undefined ? await teamDefaultChannels(env.DB, team) : []),
  };
  const given = { id, pingToken: newPingToken(id), teamMaintenance: team.maintenance, teamAlertGrouping: team.alertGrouping };
  const config = configFromCreate({ ...input, ...alerting }, given, now);
  const channels = await requireChannels(env.DB, teamId, namedChannels(config));
  // The object first: whoever finds the monitor in D1 (a slug ping, a listing) finds it configured.
  // Until the row exists nobody knows its token, so a row that fails to insert leaves nothing behind.
  // The one place the object is first reached: a location hint counts only there (later ones are ignored).
  const stub = monitorStub(env, id, config.location === null ? undefined : { locationHint: config.location });
  const snapshot = await stub.configure(config, channels.map(cachedChannel));
  try {
    const status = initialState(config, now).status;
    await saveUniquely(() => insertWithinLimit(env, teamId, "monitors", (max) => insertMonitor(env.DB, teamId, config, status, max)));
  } catch (err) {
    await stub.remove();
    throw err;
  }
  return snapshot;
}

/**
 * Configuration has two writers: this (the admin API) and the monitor's object, which resumes a paused
 * monitor when a success or failure ping arrives and tells D1 through its outbox, maybe later (D1 may
 * be down). So the edit starts from whichever copy is newer by `updatedAt`, lest it undo a resume D1
 * has not heard of yet; then D1 (which keeps only a newer copy), then the object, which applies it at once.
 */
export async function updateMonitor(env: Env, record: MonitorRecord, patch: MonitorPatchInput, now: number): Promise<MonitorSnapshot> {
  // Only a larger log is checked: a size kept from before a lower limit survives edits of other fields.
  if (patch.ping_log_size !== undefined && patch.ping_log_size > record.config.pingLogSize) {
    const team = await getTeam(env.DB, record.teamId);
    if (!team) throw notFound("team");
    assertPingLogAllowed(env, team, patch.ping_log_size);
  }
  const live = await monitorStub(env, record.config.id).snapshot();
  const base = live && live.config.updatedAt > record.config.updatedAt ? live.config : record.config;
  const config = applyPatch(base, patch, now);
  const channels = await requireChannels(env.DB, record.teamId, namedChannels(config));
  return saveConfig(env, config, channels);
}

/** D1, then the object, which applies the configuration and keeps the channels it names, in one call. */
async function saveConfig(env: Env, config: MonitorConfig, channels: ChannelRecord[]): Promise<MonitorSnapshot> {
  await saveUniquely(() => updateMonitorConfig(env.DB, config));
  const snapshot = await monitorStub(env, config.id).configure(config, channels.map(cachedChannel));
  await recordStatus(env.DB, snapshot);
  return snapshot;
}

const PUSH_PAGE = 50;

/** Team-wide windows and alert grouping are copied into every monitor of the team (D1 and object), a page at a time. */
export async function pushTeamSettings(env: Env, team: TeamRecord, now: number): Promise<number> {
  let pushed = 0;
  for (let after = ""; ; ) {
    const ids = await monitorIdsOfTeam(env.DB, team.id, after, PUSH_PAGE);
    const records = await Promise.all(ids.map((id) => getMonitor(env.DB, team.id, id)));
    await Promise.all(
      records.map(async (record) => {
        if (!record) return;
        const channels = await getChannels(env.DB, namedChannelIds(record.config));
        await saveConfig(
          env,
          { ...record.config, teamMaintenance: team.maintenance, teamAlertGrouping: team.alertGrouping, updatedAt: now },
          channels,
        );
      }),
    );
    pushed += ids.length;
    const last = ids.at(-1);
    if (!last || ids.length < PUSH_PAGE) return pushed;
    after = last;
  }
}

/**
 * The object first: once it is stopped nothing can alert for a monitor that is no longer listed. Stopped
 * again once the row is gone (a no-op unless the safety net's repair configured it meanwhile: monitor-repair.ts).
 */
export async function removeMonitor(env: Env, id: string): Promise<void> {
  const stub = monitorStub(env, id);
  await stub.remove();
  await deleteMonitor(env.DB, id);
  await stub.remove();
}
