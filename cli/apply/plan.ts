import { type ChangeText, changeText } from "./change-text";
import { type ApiChannel, planChannel } from "./channel-plan";
import type { FileMonitor, LubdubFile } from "./format";
import {
  ALERTING_FIELDS,
  type ApiMonitor,
  currentSettings,
  desiredSettings,
  MANAGED_WHEN_GIVEN,
  type MonitorSettings,
  SCHEDULE_FIELDS,
  SETTING_FIELDS,
} from "./monitor-settings";

/**
 * `lubdub diff` and `lubdub apply`: what must change on the server for it to match the file. Pure: the
 * server's state and the environment are inputs. Channels first (monitors name them), then monitors,
 * then deletions (monitors before the channels they used). Deletions only with `prune`.
 */

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
  /** How diff shows it, when not as JSON: a monitor's durations as people write them (cli/apply/change-text.ts). */
  text?: ChangeText;
}

export type Step =
  | { op: "create"; kind: "channel" | "monitor"; key: string; body: Record<string, unknown> }
  | { op: "update"; kind: "channel" | "monitor"; key: string; id: string; body: Record<string, unknown>; changes: Change[] }
  | { op: "delete"; kind: "channel" | "monitor"; key: string; id: string };

export interface Plan {
  steps: Step[];
  /** Reasons the plan cannot be applied (an unknown channel, a missing variable): apply refuses, exit 2. */
  problems: string[];
  /** Worth saying, not blocking (a secret that cannot be compared). */
  notices: string[];
}

export interface CurrentState {
  monitors: ApiMonitor[];
  channels: ApiChannel[];
  /** The team's default channels (ids): what a new monitor without `channels` alerts. Null: every channel. */
  defaultChannels?: readonly string[] | null;
}

export interface PlanOptions {
  prune?: boolean;
  /** Send every secret read from the environment, even when its mask matches the server's. */
  updateSecrets?: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export function planChanges(file: LubdubFile, current: CurrentState, options: PlanOptions): Plan {
  const plan: Plan = { steps: [], problems: [], notices: [] };
  const channelsByName = new Map<string, ApiChannel>();
  for (const channel of current.channels) {
    if (channelsByName.has(channel.name)) plan.notices.push(`two channels are named "${channel.name}": the first one listed is managed`);
    else channelsByName.set(channel.name, channel);
  }
  for (const [name, desired] of Object.entries(file.channels)) {
    planChannel(plan, name, desired, channelsByName.get(name), options);
  }
  const nameById = new Map(current.channels.map((channel) => [channel.id, channel.name]));
  const known = new Set([...Object.keys(file.channels), ...channelsByName.keys()]);
  const bySlug = new Map(current.monitors.flatMap((monitor) => (monitor.slug === null ? [] : [[monitor.slug, monitor] as const])));
  for (const [slug, monitor] of Object.entries(file.monitors)) {
    const desired = desiredSettings(slug, monitor);
    for (const name of referencedChannels(desired).filter((n) => !known.has(n))) plan.problems.push(unknownChannel(slug, name, known));
    const existing = bySlug.get(slug);
    if (!existing) plan.steps.push({ op: "create", kind: "monitor", key: slug, body: createBody(slug, desired) });
    else
      planMonitorUpdate(
        plan,
        { slug, file: monitor, id: existing.id },
        desired,
        currentSettings(existing, (id) => nameById.get(id) ?? id),
      );
  }
  if (options.prune) planDeletions(plan, file, current, bySlug);
  return plan;
}

/** What to write instead: a channel of the file's, or one of the server's (named, since the file names channels by name). */
function unknownChannel(slug: string, name: string, known: ReadonlySet<string>): string {
  const names = [...known];
  const choice =
    names.length === 0 ? "there are none yet" : `or use one of ${names.slice(0, 10).join(", ")}${names.length > 10 ? ", ..." : ""}`;
  return `monitor ${slug}: no channel named "${name}": declare it under channels:, ${choice}`;
}

function planMonitorUpdate(
  plan: Plan,
  { slug, file, id }: { slug: string; file: FileMonitor; id: string },
  desired: MonitorSettings,
  current: MonitorSettings,
): void {
  const changes = SETTING_FIELDS.filter((field) => !MANAGED_WHEN_GIVEN.has(field) || desired[field] !== undefined)
    .filter((field) => JSON.stringify(desired[field]) !== JSON.stringify(current[field]))
    .map((field) => ({ field, from: current[field], to: desired[field], text: changeText(field, current[field], desired[field], file) }));
  if (changes.length === 0) return;
  plan.steps.push({ op: "update", kind: "monitor", key: slug, id, body: patchBody(desired, changes), changes });
}

/** Only the changed fields; the schedule and the alerting form are sent whole (the API takes one form of each). */
function patchBody(desired: MonitorSettings, changes: Change[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const { field } of changes) {
    if (SCHEDULE_FIELDS.has(field)) Object.assign(body, scheduleOf(desired));
    else if (ALERTING_FIELDS.has(field)) Object.assign(body, { channels: desired.channels, escalation: desired.escalation });
    else body[field] = desired[field as keyof MonitorSettings];
  }
  return body;
}

const scheduleOf = (s: MonitorSettings) =>
  s.schedule === null ? { interval: s.interval } : { schedule: s.schedule, timezone: s.timezone };

/** Channels still by name: apply turns them into ids once the channels it creates have one. */
function createBody(slug: string, desired: MonitorSettings): Record<string, unknown> {
  const { interval: _i, schedule: _s, timezone: _t, tags, enabled, location, ...rest } = desired;
  return {
    slug,
    ...rest,
    ...scheduleOf(desired),
    // Left out when empty or unmanaged, so a server without tags (or the default) is not asked for them.
    ...(tags.length > 0 ? { tags } : {}),
    ...(enabled === undefined ? {} : { enabled }),
    ...(location === undefined || location === null ? {} : { location }),
  };
}

const referencedChannels = (s: MonitorSettings): string[] => [...s.channels, ...s.escalation.flatMap((step) => step.channels)];

/**
 * Monitors with a slug that the file does not declare; a monitor without a slug cannot be declared in a
 * file, so prune leaves it alone. Channels the file does not declare and no declared monitor names, except
 * those prune must keep (keptChannel): deleting them would silence a monitor.
 */
function planDeletions(plan: Plan, file: LubdubFile, current: CurrentState, bySlug: Map<string, ApiMonitor>): void {
  for (const [slug, monitor] of bySlug) {
    if (!(slug in file.monitors)) plan.steps.push({ op: "delete", kind: "monitor", key: slug, id: monitor.id });
  }
  const unmanaged = current.monitors.filter((monitor) => monitor.slug === null);
  if (unmanaged.length > 0)
    plan.notices.push(`${unmanaged.length} monitor(s) without a slug are left alone (a file can only name monitors by slug)`);
  const used = new Set(Object.entries(file.monitors).flatMap(([slug, m]) => referencedChannels(desiredSettings(slug, m))));
  for (const channel of current.channels) {
    if (channel.name in file.channels || used.has(channel.name)) continue;
    const keptBecause = keptChannel(channel, unmanaged, current.defaultChannels ?? null);
    if (keptBecause) plan.notices.push(`channel ${channel.name} is kept, not pruned: ${keptBecause}`);
    else plan.steps.push({ op: "delete", kind: "channel", key: channel.name, id: channel.id });
  }
}

/**
 * Why prune keeps a channel, or null. Kept, not refused: what uses it is outside the file (a monitor without
 * a slug cannot be declared; the team's defaults are a team setting), so refusing would leave the user
 * nothing to change in the file, while keeping it silences nobody and the rest of the prune still happens.
 */
function keptChannel(channel: ApiChannel, unmanaged: ApiMonitor[], defaults: readonly string[] | null): string | null {
  const user = unmanaged.find(
    (monitor) => monitor.channels.includes(channel.id) || monitor.escalation.some((step) => step.channels.includes(channel.id)),
  );
  if (user) return `monitor "${user.name}" (${user.id}), which the file does not manage, alerts it`;
  if (defaults?.includes(channel.id)) return "it is one of the team's default channels";
  return null;
}
