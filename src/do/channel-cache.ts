import { z } from "zod";
import { readStoredChannelConfig, storedChannelConfig } from "../channels/stored";
import type { ChannelConfig, ChannelType } from "../channels/types";
import type { ChannelRecord } from "../db/channels";
import { readStored, type StoredFormat, UNCHANGED, writeStored } from "../db/stored/format";
import { ALL_CHANNEL_EVENTS, CHANNEL_EVENTS, type ChannelEvent } from "../domain/channel-events";
import { log, loggedError } from "../log";
import type { ObjectStore } from "./storage/object-store";

/** One channel's configuration as the worker pushes it to a monitor's object. */
export interface CachedChannel {
  id: string;
  type: ChannelType;
  config: ChannelConfig;
  /** Which notifications it takes. */
  events: ChannelEvent[];
  /** Why the channel is failing (its later events are skipped), or null. */
  failing: string | null;
  /** The channel row's `updated_at`: of two pushes that cross, the newer wins. */
  updatedAt: number;
}

/** What the alert-group hop hands over of a channel: its kind, configuration and edit time. */
export type GroupChannel = Pick<CachedChannel, "id" | "type" | "config" | "updatedAt">;

/** A channel's D1 row as an object keeps it. */
export const cachedChannelOf = (record: ChannelRecord): CachedChannel => ({
  id: record.id,
  type: record.type,
  config: record.config,
  events: record.events,
  failing: record.status === "failing" ? (record.failingReason ?? "failing") : null,
  updatedAt: record.updatedAt,
});

/** What a monitor's object needs to route a notice to a channel (do/delivery-routing.ts). */
export type ChannelFacts = Pick<CachedChannel, "events" | "failing">;

/**
 * What the worker pushes: every channel the monitor names, when the monitor is configured (channels it
 * no longer names are dropped); or one channel that was edited (or recovered by a test), to every monitor
 * that names it; or a channel another monitor's delivery found failing.
 */
export type ChannelPush =
  | { kind: "named"; channels: CachedChannel[] }
  | { kind: "edited"; channel: CachedChannel }
  | { kind: "failing"; channelId: string; reason: string; at: number };

const KEY = "channels";

const cacheSchema = z.object({
  /** False while filled from D1 one channel at a time (an object configured before this cache existed). */
  complete: z.boolean(),
  /**
   * Each `config` is a stored channel configuration with its own `version` (channels/stored.ts), read
   * with `readStoredChannelConfig` like D1's: a cache row keeps whatever version its configs were written with.
   */
  channels: z.record(
    z.string(),
    z.object({
      type: z.string(),
      updatedAt: z.number(),
      config: z.unknown(),
      /** Added with per-channel events and skipping failing channels: entries written before take all, and are not failing. */
      events: z.array(CHANNEL_EVENTS).default([...ALL_CHANNEL_EVENTS]),
      failing: z.string().nullable().default(null),
    }),
  ),
});
type CacheRow = z.output<typeof cacheSchema>;
/** Version 0 (no version field) has the same shape as 1. */
export const CHANNEL_CACHE: StoredFormat<CacheRow> = { what: "channel cache", version: 1, schema: cacheSchema, upgrades: [UNCHANGED] };
type Entry = CacheRow["channels"][string];

const entryOf = (channel: CachedChannel): Entry => ({
  type: channel.type,
  updatedAt: channel.updatedAt,
  config: storedChannelConfig(channel.config),
  events: channel.events,
  failing: channel.failing,
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

  /** Its events and failing mark; null when this object does not hold it (routed as taking all, not failing). */
  facts(channelId: string): ChannelFacts | null {
    const entry = this.read()?.channels[channelId];
    return entry ? { events: entry.events, failing: entry.failing } : null;
  }

  /** The channel with its type and edit time (for the alert-group hop), or null when this object does not hold it. */
  getCached(channelId: string): GroupChannel | null {
    const entry = this.read()?.channels[channelId];
    if (!entry) return null;
    return { id: channelId, type: entry.type, updatedAt: entry.updatedAt, config: readStoredChannelConfig(entry.type, entry.config) };
  }

  apply(push: ChannelPush): void {
    const current = this.read();
    const kept = current?.channels ?? {};
    if (push.kind === "failing") {
      const entry = kept[push.channelId];
      // An edit (or a test that succeeded) after the refusal is newer and stands.
      if (!current || !entry || entry.updatedAt > push.at) return;
      this.write({ ...current, channels: { ...kept, [push.channelId]: { ...entry, failing: push.reason, updatedAt: push.at } } });
    } else if (push.kind === "edited") {
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
