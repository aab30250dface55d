import { isUrlAllowed } from "../channels";
import type { ChannelConfig, ChannelInput } from "../channels/types";
import { type ChannelRecord, deleteChannel, insertChannel, updateChannel } from "../db/channels";
import { getMonitor, monitorIdsUsingChannel } from "../db/monitors";
import { ApiError } from "../errors";
import { newId } from "../ids";
import { generateWebhookSecret } from "../transports/standard-webhooks";
import { updateMonitor } from "./monitors";

function assertUrlAllowed(env: Env, config: ChannelConfig): void {
  if (!isUrlAllowed(config.url, env)) {
    throw new ApiError(400, "invalid_request", "invalid body: url", [
      { path: "url", message: "must be https (plain http is allowed only when ALLOW_INSECURE_WEBHOOKS is on)" },
    ]);
  }
}

function configOf(input: ChannelInput): ChannelConfig {
  return { type: input.type, url: input.url, secret: input.secret ?? generateWebhookSecret(), headers: input.headers ?? {} };
}

export async function createChannel(env: Env, input: ChannelInput, now: number): Promise<ChannelRecord> {
  const config = configOf(input);
  assertUrlAllowed(env, config);
  const record: ChannelRecord = {
    id: newId("chn"),
    type: input.type,
    name: input.name,
    config,
    status: "ok",
    failingReason: null,
    createdAt: now,
    updatedAt: now,
  };
  await insertChannel(env.DB, record);
  return record;
}

export async function editChannel(
  env: Env,
  record: ChannelRecord,
  patch: { name?: string | undefined } & Partial<Omit<ChannelConfig, "type">>,
  now: number,
): Promise<ChannelRecord> {
  const { name, ...configPatch } = patch;
  const config = { ...record.config, ...Object.fromEntries(Object.entries(configPatch).filter(([, v]) => v !== undefined)) };
  assertUrlAllowed(env, config);
  const updated: ChannelRecord = { ...record, name: name ?? record.name, config, status: "ok", failingReason: null, updatedAt: now };
  await updateChannel(env.DB, updated);
  return updated;
}

/** Monitors that used the channel stop naming it (in D1 and in their objects) before it goes. */
export async function removeChannel(env: Env, id: string, now: number): Promise<void> {
  for (const monitorId of await monitorIdsUsingChannel(env.DB, id)) {
    const monitor = await getMonitor(env.DB, monitorId);
    if (monitor) await updateMonitor(env, monitor, { channels: monitor.config.channels.filter((c) => c !== id) }, now);
  }
  await deleteChannel(env.DB, id);
}
