import { z } from "zod";
import { readStoredChannelConfig, storedChannelConfig } from "../channels/stored";
import type { ChannelConfig, ChannelType } from "../channels/types";
import { readStored, type StoredFormat, UNCHANGED, writeStored } from "../db/stored/format";
import { log, loggedError } from "../log";
import type { ObjectStore } from "./storage/object-store";

/** One channel's configuration as the worker pushes it to a monitor's object. */
export interface CachedChannel {
  id: string;
  type: ChannelType;
  config: ChannelConfig;
  /** The channel row's `updated_at`: of two pushes that cross, the newer wins. */
  updatedAt: number;
}

/**
 * What the worker pushes: every channel the monitor names, when the monitor is configured (channels it
 * no longer names are dropped); or one channel that was edited, to every monitor that names it.
 */
export type ChannelPush = { kind: "named"; channels: CachedChannel[] } | { kind: "edited"; channel: CachedChannel };

const KEY = "channels";

const cacheSchema = z.object({
  /** False while filled from D1 one channel at a time (an object configured before this cache existed). */
  complete: z.boolean(),
  /**
   * Each `config` is a stored channel configuration with its own `version` (channels/stored.ts), read
   * with `readStoredChannelConfig` like D1's: a cache row keeps whatever version its configs were written with.
   */
  channels: z.record(z.string(), z.object({ type: z.string(), updatedAt: z.number(), config: z.unknown() })),
});
type CacheRow = z.output<typeof cacheSchema>;
/** Version 0 (no version field) has the same shape as 1. */
export const CHANNEL_CACHE: StoredFormat<CacheRow> = { what: "channel cache", version: 1, schema: cacheSchema, upgrades: [UNCHANGED] };
type Entry = CacheRow["channels"][string];

const entryOf = (channel: CachedChannel): Entry => ({
  type: channel.type,
  updatedAt: channel.updatedAt,
  config: storedChannelConfig(channel.config),
});

/**
 * The configurations of the channels a monitor sends to, kept in its object (one kv row) so that a
 * delivery reads no D1: a D1 outage delays neither the alert nor its notifications. Kept current by the
 * worker's pushes (services/channel-push.ts), so a retry after an edit sends with the new configuration.
 * A channel that is not here (its monitor no longer names it, or the object predates the cache) is read
 * from D1 by the caller, which hands it back with `remember`.
 */
export class ChannelCache {
  constructor(private readonly store: ObjectStore) {}

  /**
   * A row this release cannot read (a later release's shape, after a rollback) is treated as absent, and
   * said so: deliveries fall back to D1 and the next push rewrites it, rather than every send and every
   * admin change failing on a copy.
   */
  private read(): CacheRow | null {
    const json = this.store.read(KEY);
    if (json === null) return null;
    try {
      return readStored(CHANNEL_CACHE, json);
    } catch (error) {
      // Channels are read from D1 until the next push.
      log({ event: "channel_cache.unreadable", error: loggedError(error) });
      return null;
    }
  }

  /** The configuration to send with, or null when this object does not hold it. */
  get(channelId: string): ChannelConfig | null {
    const entry = this.read()?.channels[channelId];
    return entry ? readStoredChannelConfig(entry.type, entry.config) : null;
  }

  apply(push: ChannelPush): void {
    const current = this.read();
    const kept = current?.channels ?? {};
    if (push.kind === "edited") {
      this.write({ complete: current?.complete ?? false, channels: { ...kept, ...newer([push.channel], kept) } });
    } else {
      this.write({ complete: true, channels: newer(push.channels, kept) });
    }
  }

  /** A channel read from D1 on a miss. Kept only while the cache is still being filled: a complete one holds what the monitor names. */
  remember(channel: CachedChannel): void {
    const current = this.read();
    if (current?.complete) return;
    this.write({ complete: false, channels: { ...current?.channels, [channel.id]: entryOf(channel) } });
  }

  private write(row: CacheRow): void {
    this.store.write(KEY, writeStored(CHANNEL_CACHE, row));
  }
}

/** An entry for each of `pushed`, unless the cache already holds a newer version of it (two admin requests crossed). */
function newer(pushed: CachedChannel[], kept: CacheRow["channels"]): CacheRow["channels"] {
  const entries = pushed.map((channel): [string, Entry] => {
    const old = kept[channel.id];
    return [channel.id, old && old.updatedAt > channel.updatedAt ? old : entryOf(channel)];
  });
  return Object.fromEntries(entries);
}
