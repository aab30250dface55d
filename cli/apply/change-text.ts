import { durationLabel, durationText } from "../durations";
import type { FileMonitor } from "./format";
import { DURATION_FIELDS } from "./monitor-settings";

/**
 * How `lubdub diff` shows a monitor field's change. The plan compares seconds; a person reads durations as
 * written: the server's side in its largest exact unit (1800 → `30m`), the file's side as the file wrote it
 * (`90m` stays `90m`, not `1h30m`; a bare 60 stays 60, seconds). Other fields show as JSON, as before.
 */
export interface ChangeText {
  from: string;
  to: string;
}

const json = (value: unknown): string => (value === undefined ? "(unset)" : JSON.stringify(value));

/** A duration in seconds from the server, or a plan value at its default. */
const serverDuration = (value: unknown): string => (typeof value === "number" ? (durationLabel(value) ?? "null") : json(value));

/** The file's own text for a duration: a string as written, a number of seconds as written. */
const fileDuration = (raw: unknown): string => (typeof raw === "string" || typeof raw === "number" ? String(raw) : json(raw));

type Step = { after: unknown; channels: readonly string[] };
type Window = { duration?: unknown } & Record<string, unknown>;

/** Nested durations (escalation's `after`, a recurring window's `duration`) from the server, as text. */
function serverNested(field: string, value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (field === "escalation") return (value as Step[]).map((step) => ({ ...step, after: asText(step.after) }));
  if (field === "maintenance")
    return (value as Window[]).map((w) => (w.duration === undefined ? w : { ...w, duration: asText(w.duration) }));
  return value;
}
const asText = (seconds: unknown): unknown => (typeof seconds === "number" ? durationText(seconds) : seconds);

export function changeText(field: string, from: unknown, to: unknown, file: FileMonitor): ChangeText {
  const raw: unknown = (file as Record<string, unknown>)[field];
  if (DURATION_FIELDS.has(field)) return { from: serverDuration(from), to: raw === undefined ? serverDuration(to) : fileDuration(raw) };
  if (field === "escalation" || field === "maintenance")
    return { from: json(serverNested(field, from)), to: raw === undefined ? json(serverNested(field, to)) : json(raw) };
  return { from: json(from), to: json(to) };
}
