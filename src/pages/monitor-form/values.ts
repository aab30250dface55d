/**
 * The monitor form's values: what its inputs hold (text, as typed), read from a monitor's view or from a
 * posted form, and turned into the API's input for the monitor schemas to check. Inputs are named as the
 * API's fields, and an array item's inputs as the API's error paths name it (`escalation[0].after`), so an
 * error's `path` finds its input. The form adds only what a browser needs: `schedule_kind` (interval or
 * cron) and `interval_unit` (the unit picker); both are read here and never reach the API.
 */
import type { z } from "zod";
import type { MonitorView } from "../../api/monitors";

/** Each input's text; checkboxes of one name (channels) as a list. */
export type FormValues = Record<string, string | string[]>;

export const INTERVAL_UNITS = [
  ["s", "seconds"],
  ["m", "minutes"],
  ["h", "hours"],
  ["d", "days"],
] as const;
const UNIT_SECONDS: Record<string, number> = { d: 86_400, h: 3600, m: 60, s: 1 };

/** Blank rows the form offers after the existing ones, for a new escalation step or maintenance window. */
export const BLANK_ROWS = 1;
export const ESCALATION_FIELDS = ["after", "channels"] as const;
export const WINDOW_FIELDS = ["starts_at", "ends_at", "cron", "timezone", "duration"] as const;
export const rowField = (list: "escalation" | "maintenance", i: number, field: string) => `${list}[${i}].${field}`;

export const text = (values: FormValues, name: string): string => {
  const value = values[name];
  return (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).trim();
};
export const list = (values: FormValues, name: string): string[] => {
  const value = values[name];
  return value === undefined ? [] : [value].flat();
};

/** Seconds as the shortest exact duration the API reads back: 5400 → "1h30m", 300 → "5m". */
export function durationText(seconds: number | null): string {
  if (seconds === null) return "";
  if (seconds === 0) return "0s";
  let rest = seconds;
  let out = "";
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    if (rest >= size) out += `${Math.floor(rest / size)}${unit}`;
    rest %= size;
  }
  return out;
}

/** The interval in its largest exact unit, for the number and the unit picker. */
function intervalParts(seconds: number): { interval: string; interval_unit: string } {
  const [unit, size] = Object.entries(UNIT_SECONDS).find(([, size]) => seconds % size === 0) ?? ["s", 1];
  return { interval: String(seconds / size), interval_unit: unit };
}

type View = z.input<typeof MonitorView>;

/** The form filled from a monitor, for editing. */
export function valuesFromMonitor(monitor: View): FormValues {
  const values: FormValues = {
    name: monitor.name,
    slug: monitor.slug ?? "",
    tags: monitor.tags.join(", "),
    schedule_kind: monitor.schedule === null ? "interval" : "cron",
    ...(monitor.interval === null ? { interval: "", interval_unit: "m" } : intervalParts(monitor.interval)),
    schedule: monitor.schedule ?? "",
    timezone: monitor.timezone ?? "UTC",
    grace: durationText(monitor.grace),
    max_runtime: durationText(monitor.max_runtime),
    failure_threshold: String(monitor.failure_threshold),
    recovery_threshold: String(monitor.recovery_threshold),
    remind_every: durationText(monitor.remind_every),
    summary: monitor.summary ?? "",
    location: monitor.location ?? "",
    channels: monitor.channels,
  };
  if (monitor.manual_resume) values.manual_resume = "on";
  if (monitor.enabled) values.enabled = "on";
  monitor.escalation.forEach((step, i) => {
    values[rowField("escalation", i, "after")] = durationText(step.after);
    values[rowField("escalation", i, "channels")] = step.channels;
  });
  monitor.maintenance.forEach((window, i) => {
    for (const [field, value] of Object.entries(window)) {
      values[rowField("maintenance", i, field)] = field === "duration" && typeof value === "number" ? durationText(value) : String(value);
    }
  });
  return values;
}

/** A new monitor's form: the API's defaults, shown. */
export function newMonitorValues(channels: string[]): FormValues {
  return {
    schedule_kind: "interval",
    // Once a day with an hour's grace, as healthchecks.io starts a new check.
    interval: "1",
    interval_unit: "d",
    timezone: "UTC",
    grace: "1h",
    failure_threshold: "1",
    recovery_threshold: "1",
    channels,
    enabled: "on",
  };
}

/** How many rows of a list the form holds (its highest index plus one). */
export function rowCount(values: FormValues, listName: "escalation" | "maintenance"): number {
  const prefix = `${listName}[`;
  const indexes = Object.keys(values)
    .filter((key) => key.startsWith(prefix))
    .map((key) => Number.parseInt(key.slice(prefix.length), 10))
    .filter((index) => Number.isInteger(index));
  return indexes.length === 0 ? 0 : Math.min(Math.max(...indexes) + 1, 20);
}

/** Digits are whole seconds or a count (a number, as the API takes it); other text goes as typed, for the API to check. */
const numberOrText = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value);
const optional = (value: string) => (value === "" ? undefined : numberOrText(value));
const nullable = (value: string) => (value === "" ? null : numberOrText(value));

function scheduleInput(values: FormValues): Record<string, unknown> {
  if (text(values, "schedule_kind") === "cron") return { schedule: text(values, "schedule"), timezone: text(values, "timezone") || "UTC" };
  const amount = text(values, "interval");
  const unit = text(values, "interval_unit");
  const interval = /^\d+$/.test(amount) && unit in UNIT_SECONDS ? `${amount}${unit}` : optional(amount);
  return interval === undefined ? {} : { interval };
}

function escalationInput(values: FormValues): { after: unknown; channels: string[] }[] {
  return Array.from({ length: rowCount(values, "escalation") }, (_, i) => ({
    after: numberOrText(text(values, rowField("escalation", i, "after"))),
    channels: list(values, rowField("escalation", i, "channels")),
  })).filter((step) => step.after !== "" || step.channels.length > 0);
}

function maintenanceInput(values: FormValues): Record<string, unknown>[] {
  const windows = Array.from({ length: rowCount(values, "maintenance") }, (_, i) => {
    const field = (name: string) => text(values, rowField("maintenance", i, name));
    if (field("cron") !== "" || field("duration") !== "") {
      return { cron: field("cron"), timezone: field("timezone") || "UTC", duration: numberOrText(field("duration")) };
    }
    return field("starts_at") === "" && field("ends_at") === "" ? null : { starts_at: field("starts_at"), ends_at: field("ends_at") };
  });
  return windows.filter((window) => window !== null);
}

/**
 * The schedule fields as `GET /api/v1/schedule-preview` takes them (strings, as a query): what the live
 * preview checks, read from the form exactly as a submit would read it.
 */
export function previewQueryOf(values: FormValues): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(scheduleInput(values))) query[key] = String(value);
  if (text(values, "schedule_kind") !== "cron" && query.interval === undefined) query.interval = "";
  for (const key of ["grace", "viewer_timezone"]) if (text(values, key) !== "") query[key] = text(values, key);
  return query;
}

const splitTags = (value: string) => value.split(/[\s,]+/).filter((tag) => tag !== "");

/**
 * The API input the form asks for: every field the form shows, so an edit sets each one to what the form
 * holds (an unchecked box is false, an empty reminder is none). Rows left blank are dropped. Channels
 * and escalation steps both go as given: the API's own rule refuses both at once, next to `escalation`.
 */
export function inputFromValues(values: FormValues): Record<string, unknown> {
  return {
    name: text(values, "name"),
    slug: text(values, "slug") || null,
    tags: splitTags(text(values, "tags")),
    ...scheduleInput(values),
    ...(text(values, "grace") === "" ? {} : { grace: numberOrText(text(values, "grace")) }),
    max_runtime: nullable(text(values, "max_runtime")),
    ...(text(values, "failure_threshold") === "" ? {} : { failure_threshold: numberOrText(text(values, "failure_threshold")) }),
    ...(text(values, "recovery_threshold") === "" ? {} : { recovery_threshold: numberOrText(text(values, "recovery_threshold")) }),
    remind_every: nullable(text(values, "remind_every")),
    summary: text(values, "summary") || null,
    // Sent on edits too: the same value passes, and another one gets the API's "fixed" error at this field.
    location: text(values, "location") || null,
    manual_resume: text(values, "manual_resume") !== "",
    enabled: text(values, "enabled") !== "",
    channels: list(values, "channels"),
    escalation: escalationInput(values),
    maintenance: maintenanceInput(values),
  };
}

/**
 * Which input an error's path belongs to: the path itself when the form has an input of that name
 * (`escalation[0].after`), else without its trailing item index (`tags[2]` → `tags`), else its top-level
 * field; "" (the form as a whole) when none is shown.
 */
export function fieldOfPath(path: string, shown: ReadonlySet<string>): string {
  const withoutIndex = path.replace(/(\[\d+\])+$/, "");
  const topLevel = path.split(/[[.]/)[0] ?? "";
  return [path, withoutIndex, topLevel].find((name) => shown.has(name)) ?? "";
}
