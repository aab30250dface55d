import { channelKind } from "./registry";
import type { ChannelConfig } from "./types";

/** What the API may show of a channel's configuration: its kind's secret fields masked unless `reveal` (creation only). */
export function publicChannelConfig(config: ChannelConfig, reveal: boolean): Record<string, unknown> {
  return channelKind(config.type).publicConfig(config, reveal);
}
