import type { ChannelRecord } from "../db/channels";
import { cachedChannelOf } from "../do/channel-cache";
import { pushToMonitors } from "../do/channel-fanout";
import type { MonitorConfig } from "../domain/monitor";

/**
 * Each monitor's object keeps the configurations of the channels it sends to (do/channel-cache.ts), so
 * deliveries never wait on D1. Configuring a monitor hands its object the channels it names
 * (services/monitors.ts); these keep the copies current when a channel is edited.
 */

export const cachedChannel = cachedChannelOf;

/** Every channel a monitor names, in its flat list or any escalation step. */
export function namedChannelIds(config: Pick<MonitorConfig, "channels" | "escalation">): string[] {
  return [...new Set([...config.channels, ...config.escalation.flatMap((step) => step.channels)])];
}

/** After an edit: every monitor naming the channel retries its pending deliveries with the new configuration. */
export async function pushEditedChannel(env: Env, record: ChannelRecord): Promise<void> {
  await pushToMonitors(env, record.id, { kind: "edited", channel: cachedChannel(record) });
}
