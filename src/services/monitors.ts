import { existingChannelIds } from "../db/channels";
import { deleteMonitor, insertMonitor, type MonitorRecord, statusFlipStatement, updateMonitorConfig } from "../db/monitors";
import type { MonitorSnapshot } from "../do/monitor-object";
import { monitorStub } from "../do/stub";
import { initialState, type MonitorConfig } from "../domain/monitor";
import { ApiError } from "../errors";
import { newId, newPingToken } from "../ids";
import type { MonitorCreateInput, MonitorPatchInput } from "../schemas/monitor";

/** Every channel a monitor names must exist; the error names the first field that does not. */
export async function assertChannelsExist(db: D1Database, ids: string[]): Promise<void> {
  const existing = await existingChannelIds(db, ids);
  const missing = ids.flatMap((id, i) => (existing.has(id) ? [] : [{ path: `channels[${i}]`, message: `no channel ${id}` }]));
  if (missing.length > 0) throw new ApiError(400, "invalid_request", "invalid body: unknown channel", missing);
}

/** D1 learns the status the object reports, unless it already knows a newer one. */
async function recordStatus(db: D1Database, snapshot: MonitorSnapshot): Promise<void> {
  const { config, state, nextDueAt } = snapshot;
  await statusFlipStatement(db, {
    monitorId: config.id,
    status: state.status,
    at: state.statusChangedAt,
    lastPingAt: state.lastPingAt,
    nextDueAt,
  }).run();
}

export async function createMonitor(env: Env, input: MonitorCreateInput, now: number): Promise<MonitorSnapshot> {
  await assertChannelsExist(env.DB, input.channels);
  const id = newId("mon");
  const config: MonitorConfig = { ...input, id, pingToken: newPingToken(id), createdAt: now, updatedAt: now };
  await insertMonitor(env.DB, config, initialState(config, now).status);
  try {
    return await monitorStub(env, id).configure(config);
  } catch (err) {
    // Without its object the monitor would never alert: do not leave it listed.
    await deleteMonitor(env.DB, id);
    throw err;
  }
}

/** D1 first (the source of truth for configuration), then the object, which applies it at once. */
export async function updateMonitor(env: Env, record: MonitorRecord, patch: MonitorPatchInput, now: number): Promise<MonitorSnapshot> {
  if (patch.channels) await assertChannelsExist(env.DB, patch.channels);
  const config: MonitorConfig = { ...record.config, ...patch, updatedAt: now };
  await updateMonitorConfig(env.DB, config);
  const snapshot = await monitorStub(env, config.id).configure(config);
  await recordStatus(env.DB, snapshot);
  return snapshot;
}

/** The object first: once it is stopped nothing can alert for a monitor that is no longer listed. */
export async function removeMonitor(env: Env, id: string): Promise<void> {
  await monitorStub(env, id).remove();
  await deleteMonitor(env.DB, id);
}
