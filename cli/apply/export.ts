import { stringify } from "yaml";
import { CHANNEL_EVENTS } from "../../src/domain/channel-events";
import { durationText } from "../durations";
import type { ApiChannel } from "./channel-plan";
import type { FileChannel, FileMonitor, LubdubFile } from "./format";
import { type ApiMonitor, currentSettings, DURATION_FIELDS, desiredSettings, type MonitorSettings } from "./monitor-settings";
import type { CurrentState } from "./plan";
import { secretFieldsOf } from "./secrets";

/**
 * `lubdub export`: the server's channels and monitors in the file format, so that applying the result
 * changes nothing. Secrets cannot be read back (the API masks them): each becomes `{env: NAME}` with a
 * name made from the channel's, listed in the header so the user knows what to set before an apply.
 */

const SCHEMA_FILE = "lubdub.schema.json";

/** "OPS ntfy" + "token" → OPS_NTFY_TOKEN. */
const envNameFor = (...parts: string[]): string =>
  parts
    .join("_")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/^(?=\d)/, "_");

function exportChannel(channel: ApiChannel, envNames: string[]): FileChannel {
  const out: FileChannel = { type: channel.type };
  const secrets = new Map(secretFieldsOf(channel.type).map((secret) => [secret.field, secret]));
  for (const [field, value] of Object.entries(channel.config)) {
    const secret = secrets.get(field);
    if (!secret) out[field] = value;
    else if (secret.map && typeof value === "object" && value !== null && Object.keys(value).length > 0) {
      out[field] = Object.fromEntries(
        Object.keys(value).map((key) => [key, { env: track(envNames, envNameFor(channel.name, field, key)) }]),
      );
    } else if (!secret.map && value !== null && value !== undefined) {
      out[field] = { env: track(envNames, envNameFor(channel.name, field)) };
    }
  }
  // Only a channel that takes fewer than every event says so: the default needs no line.
  if (channel.events && channel.events.length < CHANNEL_EVENTS.options.length) out.events = channel.events;
  return out;
}

function track(names: string[], name: string): string {
  names.push(name);
  return name;
}

/** The monitor's settings minus everything at its default, durations as text. */
function exportMonitor(slug: string, monitor: ApiMonitor, channelName: (id: string) => string): FileMonitor {
  const settings = currentSettings(monitor, channelName);
  const defaults = desiredSettings(slug, settings.schedule === null ? { interval: 1 } : { schedule: "@daily" });
  const out: Record<string, unknown> = {};
  // Name and schedule first, as people write them.
  const first: (keyof MonitorSettings)[] = ["name", "interval", "schedule", "timezone"];
  const fields = [...first, ...(Object.keys(settings) as (keyof MonitorSettings)[]).filter((field) => !first.includes(field))];
  const ordered = Object.fromEntries(fields.map((field) => [field, settings[field]]));
  for (const [field, value] of Object.entries(ordered) as [keyof MonitorSettings, unknown][]) {
    if (
      field === "enabled"
        ? value === true
        : field === "location"
          ? value === null
          : JSON.stringify(value) === JSON.stringify(defaults[field])
    )
      continue;
    if (field === "interval" && value === null) continue;
    out[field] = DURATION_FIELDS.has(field) && typeof value === "number" ? durationText(value) : value;
  }
  out.maintenance =
    settings.maintenance.length === 0
      ? undefined
      : settings.maintenance.map((w) => ("cron" in w ? { ...w, duration: durationText(w.duration) } : w));
  out.escalation = settings.escalation.length === 0 ? undefined : settings.escalation.map((s) => ({ ...s, after: durationText(s.after) }));
  return Object.fromEntries(Object.entries(out).filter(([, value]) => value !== undefined)) as FileMonitor;
}

interface Exported {
  file: LubdubFile;
  /** The environment variables the file names for secrets. */
  envNames: string[];
  /** Monitors without a slug, which a file cannot name. */
  skipped: string[];
}

export function exportState(state: CurrentState): Exported {
  const envNames: string[] = [];
  const channels = Object.fromEntries(state.channels.map((channel) => [channel.name, exportChannel(channel, envNames)]));
  const nameById = new Map(state.channels.map((channel) => [channel.id, channel.name]));
  const slugged = state.monitors.filter((monitor): monitor is ApiMonitor & { slug: string } => monitor.slug !== null);
  const monitors = Object.fromEntries(
    slugged.map((monitor) => [monitor.slug, exportMonitor(monitor.slug, monitor, (id) => nameById.get(id) ?? id)]),
  );
  const skipped = state.monitors.filter((monitor) => monitor.slug === null).map((monitor) => `${monitor.name} (${monitor.id})`);
  return { file: { channels, monitors }, envNames, skipped };
}

/** The text written out: YAML with a schema comment and a note on secrets, or JSON with `$schema`. */
export function renderExport({ file, envNames }: Exported, format: "yaml" | "json"): string {
  if (format === "json") return `${JSON.stringify({ $schema: `./${SCHEMA_FILE}`, ...file }, null, 2)}\n`;
  const header = [
    `# yaml-language-server: $schema=./${SCHEMA_FILE}`,
    "# Written by `lubdub export`. Apply with `lubdub apply <this file>`.",
    ...(envNames.length > 0 ? [`# Secrets are read from the environment when applied: ${envNames.join(", ")}`] : []),
  ];
  return `${header.join("\n")}\n${stringify(file)}`;
}
