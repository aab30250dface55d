/** API input (snake_case, interval or schedule) to the stored monitor configuration, and back. Pure. */
import type { MonitorConfig } from "../domain/monitor";
import { nextOccurrences, type Schedule } from "../domain/schedule";
import { ApiError } from "../errors";
import type { MonitorCreateInput, MonitorPatchInput } from "../schemas/monitor";
import { iso } from "../time";

const timezoneWithoutSchedule = () =>
  new ApiError(400, "invalid_request", "invalid body: timezone", [{ path: "timezone", message: "a time zone applies only to a schedule" }]);

/** The schedule `input` asks for; called only when it names at least one of interval, schedule, timezone. */
function scheduleOf(input: Pick<MonitorPatchInput, "interval" | "schedule" | "timezone">, current: Schedule | null): Schedule {
  if (input.interval !== undefined) {
    if (input.timezone !== undefined) throw timezoneWithoutSchedule();
    return { kind: "interval", interval: input.interval };
  }
  const currentZone = current?.kind === "cron" ? current.timezone : "UTC";
  if (input.schedule !== undefined) return { kind: "cron", cron: input.schedule.trim(), timezone: input.timezone ?? currentZone };
  // Only a new time zone: it must belong to a cron schedule.
  if (current?.kind === "cron") return { ...current, timezone: input.timezone ?? currentZone };
  throw timezoneWithoutSchedule();
}

type Fields = Omit<MonitorConfig, "id" | "pingToken" | "createdAt" | "updatedAt" | "schedule" | "teamMaintenance">;

/** What a new configuration takes from outside its API input. */
type Given = Pick<MonitorConfig, "id" | "pingToken" | "teamMaintenance">;

/** The fields present in `input`, under their stored names. */
function presentFields(input: MonitorPatchInput): Partial<Fields> {
  const renamed: Partial<Record<keyof Fields, unknown>> = {
    name: input.name,
    slug: input.slug,
    grace: input.grace,
    earlyTolerance: input.early_tolerance,
    maxRuntime: input.max_runtime,
    failureThreshold: input.failure_threshold,
    recoveryThreshold: input.recovery_threshold,
    summary: input.summary,
    tags: input.tags,
    enabled: input.enabled,
    manualResume: input.manual_resume,
    successKeywords: input.success_keywords,
    failureKeywords: input.failure_keywords,
    maintenance: input.maintenance,
    pingLogSize: input.ping_log_size,
    channels: input.channels,
    escalation: input.escalation,
    remindEvery: input.remind_every,
  };
  return Object.fromEntries(Object.entries(renamed).filter(([, v]) => v !== undefined)) as Partial<Fields>;
}

export function configFromCreate(input: MonitorCreateInput, given: Given, now: number): MonitorConfig {
  return {
    ...(presentFields(input) as Fields),
    ...given,
    schedule: scheduleOf(input, null),
    createdAt: now,
    updatedAt: now,
  };
}

export function applyPatch(config: MonitorConfig, patch: MonitorPatchInput, now: number): MonitorConfig {
  const scheduleChanged = patch.interval !== undefined || patch.schedule !== undefined || patch.timezone !== undefined;
  const next: MonitorConfig = {
    ...config,
    ...presentFields(patch),
    schedule: scheduleChanged ? scheduleOf(patch, config.schedule) : config.schedule,
    updatedAt: now,
  };
  // Switching between the flat list and escalation steps replaces the other form.
  if (patch.escalation?.length && patch.channels === undefined) next.channels = [];
  if (patch.channels?.length && patch.escalation === undefined) next.escalation = [];
  return next;
}

/**
 * The next five times a ping is expected: a cron schedule's next occurrences from now; an interval's
 * from the pending deadline on (none before the first ping starts the timer).
 */
export function nextExpectedTimes(config: MonitorConfig, dueAt: number | null, now: number): string[] {
  const { schedule } = config;
  if (schedule.kind === "cron") return nextOccurrences(schedule, now, 5).map((t) => iso(t));
  if (dueAt === null) return [];
  return [dueAt, ...nextOccurrences(schedule, dueAt, 4)].map((t) => iso(t));
}
