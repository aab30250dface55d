/**
 * Stored JSON, read back through a schema instead of a cast. Every stored object carries the `version`
 * of its format beside its fields (absent: written before versions, version 0). Reading upgrades it step
 * by step to the current version, then parses it: a field added later has a `.default()` in the schema,
 * so an object written by an older release gains it by construction. A shape that changes in another way
 * gets a new version and an upgrade step. Every format is listed in src/stored-formats.ts.
 */
import { z } from "zod";

export type JsonObject = Record<string, unknown>;

export interface StoredFormat<T> {
  /** What is stored, for error messages ("monitor config"). */
  what: string;
  /** The version this release writes. */
  version: number;
  schema: z.ZodType<T>;
  /** `upgrades[v]` turns a version-v object into version v + 1; one per version below `version`. */
  upgrades: readonly ((raw: JsonObject) => JsonObject)[];
}

/** No field changed shape between these versions: the schema's defaults fill in what is missing. */
export const UNCHANGED = (raw: JsonObject): JsonObject => raw;

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** An object stored by any release up to this one, upgraded and parsed. Throws when it cannot be read: never guesses. */
export function readStored<T>(format: StoredFormat<T>, json: string): T {
  return parseStored(format, JSON.parse(json));
}

/** The same, for an object already parsed from JSON (one nested in another stored object). */
export function parseStored<T>(format: StoredFormat<T>, raw: unknown): T {
  if (!isObject(raw)) throw new Error(`stored ${format.what} is not a JSON object`);
  const version = raw.version ?? 0;
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 0 || version > format.version) {
    throw new Error(`stored ${format.what} has version ${String(version)}; this release reads up to ${format.version}`);
  }
  let upgraded = raw;
  for (const step of format.upgrades.slice(version, format.version)) upgraded = step(upgraded);
  const parsed = format.schema.safeParse(upgraded);
  if (!parsed.success) throw new Error(`stored ${format.what} (version ${version}) does not parse: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The object to store for `value`: its fields with the current version. */
export const storedObject = <T extends object>(format: StoredFormat<T>, value: T): JsonObject => ({ version: format.version, ...value });

/** The JSON to store for `value`: its fields with the current version. */
export function writeStored<T extends object>(format: StoredFormat<T>, value: T): string {
  return JSON.stringify(storedObject(format, value));
}

/**
 * A stored list, `{"version": n, "items": [...]}`. Version 0 is the bare JSON array stored before lists
 * carried a version (a team's maintenance windows and default channels): it reads as its items.
 */
type StoredList<T> = StoredFormat<{ items: T[] }>;

export function storedList<T>(what: string, items: z.ZodType<T[]>): StoredList<T> {
  return { what, version: 1, schema: z.object({ items }), upgrades: [UNCHANGED] };
}

export function readStoredList<T>(format: StoredList<T>, json: string): T[] {
  const raw: unknown = JSON.parse(json);
  return parseStored(format, Array.isArray(raw) ? { version: 0, items: raw } : raw).items;
}

export const writeStoredList = <T>(format: StoredList<T>, items: T[]): string => writeStored(format, { items });

/** A stored JSON value that is not an object, kept verbatim as something else defines it: parsed through its schema. */
export function readStoredValue<T>(what: string, schema: z.ZodType<T>, json: string): T {
  const parsed = schema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`stored ${what} does not parse: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * Compiles only when A and B are the same type. A schema's output merely assignable to its domain type
 * would let the domain gain a variant (a new status, a new sync item) that the schema then refuses at
 * run time, when an object or outbox job holding it is read back; this makes that a compile error.
 */
type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const sameType = <A, B>(proof: SameType<A, B>): SameType<A, B> => proof;
