import { z } from "zod";
import { type JsonObject, parseStored, type StoredFormat, storedObject } from "../db/stored/format";
import { channelKind } from "./registry";
import type { ChannelConfig, ChannelType } from "./types";

/**
 * A channel's configuration as stored (D1's `channels.config`, a monitor object's channel cache): the
 * kind's fields plus `version`, like every stored format (db/stored/format.ts). Version 0 is every row
 * written before channel configurations took that envelope: bare fields, or fields plus `v: 1`, the
 * envelope they had of their own (absent meaning 1). Its upgrade drops `v`. A field a kind adds later is
 * filled by the `.default()` of its stored schema; a change of meaning bumps the version with a step here.
 */
const CHANNEL_CONFIG_VERSION = 1;

/** Version 0 to 1: the channel configurations' own envelope `v` goes (1 was the only value ever written). */
function dropOwnEnvelope(raw: JsonObject): JsonObject {
  const { v, ...fields } = raw;
  if (v !== undefined && v !== 1) {
    throw new Error(`stored channel configuration has v ${String(v)}: written by a newer release of lubdub, which this one cannot read`);
  }
  return fields;
}

/**
 * Parses through the kind's stored schema (which drops `version`), with the kind the row is filed under;
 * the kind's complaint becomes an issue of the stored format's error.
 */
const kindSchema = (type: ChannelType): z.ZodType<ChannelConfig> =>
  z.looseObject({}).transform(({ version: _version, ...fields }, ctx) => {
    try {
      return channelKind(type).parseConfig({ ...fields, type });
    } catch (error) {
      const message = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
      ctx.issues.push({ code: "custom", message, input: fields });
      return z.NEVER;
    }
  });

/** The stored format of one kind's configurations (the kind's stored schema decides the fields). */
export const channelConfigFormat = (type: ChannelType): StoredFormat<ChannelConfig> => ({
  what: `${type} channel configuration`,
  version: CHANNEL_CONFIG_VERSION,
  schema: kindSchema(type),
  upgrades: [dropOwnEnvelope],
});

/** The stored form of a configuration. */
export const storedChannelConfig = (config: ChannelConfig): JsonObject => storedObject(channelConfigFormat(config.type), config);

/** Reads a stored configuration of kind `type` (parsed JSON), upgraded, through its kind's schema; throws when it does not fit. */
export const readStoredChannelConfig = (type: ChannelType, stored: unknown): ChannelConfig =>
  parseStored(channelConfigFormat(type), stored);
