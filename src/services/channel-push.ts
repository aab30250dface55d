import type { ChannelRecord } from "../db/channels";
import { monitorIdsUsingChannel } from "../db/monitors";
import type { CachedChannel, ChannelPush } from "../do/channel-cache";
import { monitorStub } from "../do/stub";
import type { MonitorConfig } from "../domain/monitor";

/**
 * Each monitor's object keeps the configurations of the channels it sends to (do/channel-cache.ts), so
 * deliveries never wait on D1. Configuring a monitor hands its object the channels it names
 * (services/monitors.ts); these keep the copies current when a channel is edited.
 */

const PUSH_PAGE = 50;

export const cachedChannel = (record: ChannelRecord): CachedChannel => ({
  id: record.id,
  type: record.type,
  config: record.config,
  updatedAt: record.updatedAt,
});

/** Every channel a monitor names, in its flat list or any escalation step. */
export function namedChannelIds(config: Pick<MonitorConfig, "channels" | "escalation">): string[] {
  return [...new Set([...config.channels, ...config.escalation.flatMap((step) => step.channels)])];
}

/** After an edit: every monitor naming the channel retries its pending deliveries with the new configuration. */
export async function pushEditedChannel(env: Env, record: ChannelRecord): Promise<void> {
  const push: ChannelPush = { kind: "edited", channel: cachedChannel(record) };
  const monitorIds = await monitorIdsUsingChannel(env.DB, record.id);
  for (let start = 0; start < monitorIds.length; start += PUSH_PAGE) {
    await Promise.all(monitorIds.slice(start, start + PUSH_PAGE).map((id) => monitorStub(env, id).pushChannels(push)));
  }
}
