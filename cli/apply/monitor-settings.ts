import { monitorCreateInput, monitorPatchInput } from "../../src/schemas/monitor";
import type { FileMonitor } from "./format";

/**
 * A monitor's settings in one comparable form, whichever side they come from (the file or the API):
 * durations in seconds, channels by name and sorted, maintenance windows in the API's shape, every
 * field the file left out at the API's default. Two equal forms mean `apply` has nothing to do.
 */

/** What the API shows of a monitor (GET /api/v1/monitors): only the fields apply manages are read. */
export interface ApiMonitor {
  id: string;
  slug: string | null;
  name: string;
  interval: number | null;
  schedule: string | null;
  timezone: string | null;
  channels: string[];
  escalation: { after: number; channels: string[] }[];
  enabled: boolean;
  /** Only on servers with tags. */
  tags?: string[];
  [field: string]: unknown;
}

/**
 * How `apply` treats each field of the API's patch schema. Total over the schema's keys (`satisfies`), so
 * a monitor setting added to the API and given no kind here fails to compile instead of being accepted
 * by the file, then left out by `apply` and never shown by `diff`.
 * - plain: compared as the patch schema reads it (seconds, trimmed text); duration: likewise, and
 *   exported as text ("5m"); interval: a schedule field in seconds, also exported as text;
 * - key: the slug, which names the monitor in the file; the other kinds are read by their own code below;
 * - live: not in the file at all (a snooze is an on-call decision of the moment: `lubdub monitors edit --snooze`).
 * - enabled and placement (the location hint) are managed only when the file gives them: a pause survives an
 *   apply, and a location, fixed once the monitor exists, is never sent back to the default.
 * The order is `diff`'s.
 */
const FIELD_KINDS = {
  slug: "key",
  name: "plain",
  grace: "duration",
  early_tolerance: "duration",
  max_runtime: "duration",
  failure_threshold: "plain",
  recovery_threshold: "plain",
  summary: "plain",
  manual_resume: "plain",
  success_keywords: "plain",
  failure_keywords: "plain",
  ping_log_size: "plain",
  remind_every: "duration",
  interval: "interval",
  schedule: "schedule",
  timezone: "schedule",
  maintenance: "maintenance",
  channels: "alerting",
  escalation: "alerting",
  tags: "tags",
  enabled: "enabled",
  location: "placement",
  snoozed_until: "live",
} as const satisfies Record<keyof typeof monitorPatchInput.shape, FieldKind>;

type FieldKind =
  | "live"
  | "key"
  | "plain"
  | "duration"
  | "interval"
  | "schedule"
  | "maintenance"
  | "alerting"
  | "tags"
  | "enabled"
  | "placement";
type Field = keyof typeof FIELD_KINDS;
type FieldOf<K extends FieldKind> = { [F in Field]: (typeof FIELD_KINDS)[F] extends K ? F : never }[Field];

const FIELDS = Object.keys(FIELD_KINDS) as Field[];
const fieldsOf = <K extends FieldKind>(...kinds: K[]): FieldOf<K>[] =>
  FIELDS.filter((field): field is FieldOf<K> => kinds.some((kind) => kind === FIELD_KINDS[field]));

type PlainField = FieldOf<"plain" | "duration">;
const PLAIN_FIELDS = fieldsOf("plain", "duration");
/** Fields in seconds, which `export` writes as text. */
export const DURATION_FIELDS: ReadonlySet<string> = new Set(fieldsOf("duration", "interval"));
/** The fields that together make the schedule, which a patch sends whole (interval, or schedule and time zone). */
export const SCHEDULE_FIELDS: ReadonlySet<string> = new Set(fieldsOf("interval", "schedule"));
/** The fields of the alerting form, which a patch sends whole (channels, or escalation steps). */
export const ALERTING_FIELDS: ReadonlySet<string> = new Set(fieldsOf("alerting"));

type Window = { starts_at: string; ends_at: string } | { cron: string; timezone: string; duration: number };

/** The settings read by their own code: exactly the fields of the other kinds (checked below). */
interface OwnSettings {
  interval: number | null;
  schedule: string | null;
  timezone: string | null;
  maintenance: Window[];
  channels: string[];
  escalation: { after: number; channels: string[] }[];
  tags: string[];
  /** Undefined: not managed (the file left it out). */
  enabled: boolean | undefined;
  /** The location hint; undefined: not managed (the file left it out). */
  location: string | null | undefined;
}
type OwnField = FieldOf<Exclude<FieldKind, "live" | "key" | "plain" | "duration">>;
const ownSettingsComplete: [OwnField] extends [keyof OwnSettings] ? true : Exclude<OwnField, keyof OwnSettings> = true;
void ownSettingsComplete;

export type MonitorSettings = Record<PlainField, unknown> & OwnSettings;

/** Every field `apply` compares, in `diff`'s order. */
export const SETTING_FIELDS: readonly (keyof MonitorSettings)[] = fieldsOf(
  "plain",
  "duration",
  "interval",
  "schedule",
  "maintenance",
  "alerting",
  "tags",
  "enabled",
  "placement",
);
/** Fields compared only when the file gives them. */
export const MANAGED_WHEN_GIVEN: ReadonlySet<string> = new Set(fieldsOf("enabled", "placement"));

const patchField = (field: PlainField, value: unknown): unknown => monitorPatchInput.shape[field].parse(value);
const defaultOf = (field: PlainField): unknown => monitorCreateInput.shape[field].parse(undefined);
const seconds = (value: unknown): number => monitorPatchInput.shape.grace.parse(value) ?? 0;

function windowsOf(value: unknown): Window[] {
  const windows = monitorPatchInput.shape.maintenance.parse(value ?? []) ?? [];
  return windows.map((w) =>
    w.kind === "once"
      ? { starts_at: new Date(w.startsAt).toISOString(), ends_at: new Date(w.endsAt).toISOString() }
      : { cron: w.cron, timezone: w.timezone, duration: w.duration },
  );
}

const sorted = (list: readonly string[]): string[] => [...list].sort();

function plainFields(source: Record<string, unknown>, withDefaults: boolean): Record<PlainField, unknown> {
  const entries = PLAIN_FIELDS.map((field) => {
    const value = source[field];
    return [field, value === undefined && withDefaults ? defaultOf(field) : patchField(field, value)];
  });
  return Object.fromEntries(entries) as Record<PlainField, unknown>;
}

/** The file's monitor, with the API's defaults for what it leaves out. */
export function desiredSettings(slug: string, monitor: FileMonitor): MonitorSettings {
  const schedule = monitor.schedule === undefined ? null : monitor.schedule.trim();
  return {
    ...plainFields({ ...monitor, name: monitor.name ?? slug }, true),
    interval: monitor.interval === undefined ? null : seconds(monitor.interval),
    schedule,
    timezone: schedule === null ? null : (monitor.timezone ?? "UTC"),
    maintenance: windowsOf(monitor.maintenance),
    channels: sorted(monitor.channels ?? []),
    escalation: (monitor.escalation ?? []).map((step) => ({ after: seconds(step.after), channels: sorted(step.channels) })),
    tags: sorted(monitor.tags ?? []),
    enabled: monitor.enabled,
    location: monitor.location,
  };
}

/** What the server has, channel ids turned into names (an unknown id stays an id, so it shows as a change). */
export function currentSettings(monitor: ApiMonitor, channelName: (id: string) => string): MonitorSettings {
  const names = (ids: string[]) => sorted(ids.map(channelName));
  return {
    ...plainFields(monitor, false),
    interval: monitor.interval,
    schedule: monitor.schedule === null ? null : monitor.schedule.trim(),
    timezone: monitor.schedule === null ? null : monitor.timezone,
    maintenance: windowsOf(monitor.maintenance),
    channels: names(monitor.channels),
    escalation: monitor.escalation.map((step) => ({ after: step.after, channels: names(step.channels) })),
    tags: sorted(monitor.tags ?? []),
    enabled: monitor.enabled,
    // A server from before location hints has none: null.
    location: monitorPatchInput.shape.location.parse(monitor.location ?? null),
  };
}
