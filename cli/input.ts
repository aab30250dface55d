import { readFileSync } from "node:fs";
import { parseDuration } from "../src/domain/duration";
import { UsageError } from "./errors";

/** Reads all of standard input (cli/io.ts: the process's, or a test's). */
export type ReadStdin = () => Buffer;

/** `text`, `@file` or `-`/`@-` (standard input), as bytes: ping bodies and --data share the convention (curl's). */
export function readArgument(value: string, readStdin: ReadStdin): Buffer {
  if (value === "-" || value === "@-") return readStdin();
  if (!value.startsWith("@")) return Buffer.from(value);
  const path = value.slice(1);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** `--data '<json>'`, `--data @file.json` or `--data -`: a JSON object, else a usage error. */
function readJsonObject(value: string, readStdin: ReadStdin): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readArgument(value, readStdin).toString("utf8"));
  } catch (err) {
    throw new UsageError(`--data is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UsageError("--data must be a JSON object");
  return parsed as Record<string, unknown>;
}

/** A duration flag: plain seconds become a number (`300`), anything else (`5m`, `1d`) goes to the API as written. */
export const durationValue = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value);

/**
 * `--snooze`: how long (2h, 90m, seconds) from now, an ISO 8601 time, or "off" to end a snooze; the API's
 * `snoozed_until`. The server judges the time (in the future, at most 30 days ahead).
 */
export function snoozeValue(value: string, now = Date.now()): string | null {
  if (value === "off") return null;
  const seconds = parseDuration(/^\d+$/.test(value) ? Number(value) : value);
  if (seconds !== null) return new Date(now + seconds * 1000).toISOString();
  if (Number.isNaN(Date.parse(value))) throw new UsageError(`--snooze takes a duration (2h), an ISO time or "off": ${value}`);
  return value;
}

/** An integer flag (`--limit`, `--failure-threshold`); commander calls it with the previous value as second argument. */
export function integerValue(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`not an integer: ${value}`);
  return Number(value);
}

/** A repeatable flag (`--channel a --channel b`, or `--channel a,b`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(",").filter(Boolean)];

/** The request body: --data first, then the flags that were given, which win over --data's fields. */
export function mergeBody(data: string | undefined, fields: Record<string, unknown>, readStdin: ReadStdin): Record<string, unknown> {
  const body = data === undefined ? {} : readJsonObject(data, readStdin);
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) body[name] = value;
  return body;
}
