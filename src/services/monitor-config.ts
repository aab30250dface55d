/** API input (snake_case, interval or schedule) to the stored monitor configuration (the view back is src/api/monitors.ts). Pure. */
import type { MonitorConfig } from "../domain/monitor";
import type { Schedule } from "../domain/schedule";
import { invalidInput } from "../errors";
import { MAX_SNOOZE_DAYS, type MonitorCreateInput, type MonitorPatchInput } from "../schemas/monitor";

const timezoneWithoutSchedule = () => invalidInput("body", [{ path: "timezone", message: "a time zone applies only to a schedule" }]);

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

type Fields = Omit<MonitorConfig, "id" | "pingToken" | "createdAt" | "updatedAt" | "schedule" | "teamMaintenance" | "teamAlertGrouping">;

/** What a new configuration takes from outside its API input. */
type Given = Pick<MonitorConfig, "id" | "pingToken" | "teamMaintenance" | "teamAlertGrouping">;

/** The API fields that make up `schedule` (see `scheduleOf`); every other field maps to one stored field. */
type ScheduleField = "interval" | "schedule" | "timezone";

/**
 * Each stored setting's API field. Total both ways, so a setting added to the domain type or to the
 * input schema and not mapped here fails to compile instead of being dropped on create and PATCH.
 */
const API_NAME = {
  name: "name",
  slug: "slug",
  grace: "grace",
  earlyTolerance: "early_tolerance",
  maxRuntime: "max_runtime",
  failureThreshold: "failure_threshold",
  recoveryThreshold: "recovery_threshold",
  summary: "summary",
  tags: "tags",
  location: "location",
  enabled: "enabled",
  manualResume: "manual_resume",
  successKeywords: "success_keywords",
  failureKeywords: "failure_keywords",
  maintenance: "maintenance",
  pingLogSize: "ping_log_size",
  channels: "channels",
  escalation: "escalation",
  remindEvery: "remind_every",
  snoozedUntil: "snoozed_until",
} as const satisfies Record<keyof Fields, Exclude<keyof MonitorPatchInput, ScheduleField>>;

/** Input fields no stored setting takes: compiles only while there are none, else the error names them. */
type UnmappedInputField = Exclude<keyof MonitorPatchInput, ScheduleField | (typeof API_NAME)[keyof Fields]>;
const everyInputFieldMapped: [UnmappedInputField] extends [never] ? true : UnmappedInputField = true;
void everyInputFieldMapped;

/** `input`'s settings under their stored names, typed from `input`: a create input's are all present. */
type Stored<I extends MonitorPatchInput> = { [K in keyof Fields]: I[(typeof API_NAME)[K]] };

function storedFields<I extends MonitorPatchInput>(input: I): Stored<I> {
  // The mapped type above is what this builds; Object.fromEntries cannot say so itself.
  return Object.fromEntries(Object.entries(API_NAME).map(([stored, api]) => [stored, input[api]])) as Stored<I>;
}

/** The fields present in a patch: a field left out keeps its stored value. */
function presentFields(input: MonitorPatchInput): Partial<Fields> {
  const present: Partial<Fields> = {};
  for (const [field, value] of Object.entries(storedFields(input))) {
    if (value !== undefined) Object.assign(present, { [field]: value });
  }
  return present;
}

/** A create input whose alerting is settled (services/monitors.ts fills in the team's default channels). */
type SettledCreateInput = MonitorCreateInput & Pick<Required<MonitorCreateInput>, "channels" | "escalation">;

/** A snooze must end in the future, and within MAX_SNOOZE_DAYS: a time past is most likely a time zone mistake. */
function checkSnooze(until: number | null | undefined, now: number): void {
  if (until === null || until === undefined) return;
  const problem =
    until <= now
      ? "snoozed_until is in the past; send null to end a snooze"
      : until > now + MAX_SNOOZE_DAYS * 86_400_000
        ? `a snooze lasts at most ${MAX_SNOOZE_DAYS} days; pause the monitor (enabled: false) or give it a maintenance window`
        : null;
  if (problem) throw invalidInput("body", [{ path: "snoozed_until", message: problem }]);
}

export function configFromCreate(input: SettledCreateInput, given: Given, now: number): MonitorConfig {
  checkSnooze(input.snoozed_until, now);
  const fields: Fields = storedFields(input);
  return {
    ...fields,
    ...given,
    schedule: scheduleOf(input, null),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A location hint only places an object when it is first created, and an object never moves: a new value
 * would describe a place the monitor is not. Refused, so a rejected PATCH changes nothing; the same value passes.
 */
function refuseMove(config: MonitorConfig, patch: MonitorPatchInput): void {
  if (patch.location === undefined || patch.location === config.location) return;
  const message = `the location is fixed when a monitor is created (it is ${config.location ?? "null"}); to move it, create a new monitor there`;
  throw invalidInput("body", [{ path: "location", message }]);
}

export function applyPatch(config: MonitorConfig, patch: MonitorPatchInput, now: number): MonitorConfig {
  refuseMove(config, patch);
  checkSnooze(patch.snoozed_until, now);
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
