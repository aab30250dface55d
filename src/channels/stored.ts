import { z } from "zod";
import { channelKind } from "./registry";
import type { ChannelConfig, ChannelType } from "./types";

/**
 * A channel's configuration as stored (D1's `channels.config`, a monitor object's channel cache): the
 * kind's fields plus `v`, the version of this envelope. Rows written before versions have no `v` and
 * read as version 1. A field a kind adds later is filled by the `.default()` of its stored schema; a
 * change of meaning would bump the version and add an upgrade step here.
 */
export const CHANNEL_CONFIG_VERSION = 1;

const envelope = z.looseObject({
  v: z
    .number()
    .int()
    .min(1)
    .max(CHANNEL_CONFIG_VERSION, "written by a newer release of lubdub: its channel configurations cannot be read by this one")
    .default(1),
});

/** The stored form of a configuration. */
export function storedChannelConfig(config: ChannelConfig): Record<string, unknown> {
  return { v: CHANNEL_CONFIG_VERSION, ...config };
}

/** Reads a stored configuration of kind `type` (parsed JSON) through its kind's schema; throws when it does not fit. */
export function readStoredChannelConfig(type: ChannelType, stored: unknown): ChannelConfig {
  const { v: _version, ...fields } = envelope.parse(stored);
  return channelKind(type).parseConfig({ ...fields, type });
}
