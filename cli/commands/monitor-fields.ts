import type { Command, OptionValues } from "@commander-js/extra-typings";
import type { LubdubClient } from "../api-client";
import { collect, durationValue, integerValue, mergeBody, type ReadStdin, snoozeValue } from "../input";
import { channelIds } from "../resolve";

/** The flags of `monitors create` and `monitors edit`; anything else goes in --data. */
export function monitorFieldOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) {
  return command
    .option("--name <name>", "the monitor's name")
    .option("--slug <slug>", "for slug ping URLs (/ping/<ping_key>/<slug>)")
    .option("--interval <duration>", "expected every: seconds or 30s, 5m, 2h, 1d (instead of --schedule)")
    .option("--schedule <cron>", "a cron expression, e.g. '0 3 * * *' or @daily (instead of --interval)")
    .option("--tz <zone>", "the schedule's IANA time zone, e.g. Europe/Berlin (default UTC)")
    .option("--grace <duration>", "how long it may be late before it is down")
    .option("--max-runtime <duration>", "how long a run begun by /start may take")
    .option("--failure-threshold <n>", "consecutive misses/failures before an alert opens", integerValue)
    .option("--recovery-threshold <n>", "consecutive successes before it closes", integerValue)
    .option("--summary <text>", "a line of description, shown in alerts")
    .option("--channel <id|name>", "alert this channel (repeatable, or comma-separated)", collect)
    .option("--snooze <duration|time|off>", "hold its notifications back for 2h, until an ISO time, or end a snooze (off)")
    .option("--data <json|@file|->", "any field of the API (POST/PATCH /api/v1/monitors), as JSON; flags win over it");
}

/** What those flags parse to, as commander infers it from their declaration above. */
type MonitorFieldFlags = ReturnType<ReturnType<typeof monitorFieldOptions<[], Record<never, never>, Record<never, never>>>["opts"]>;

/** The request body of a create or an edit. The server validates it (and names the field when it is wrong). */
export async function monitorBody(client: LubdubClient, flags: MonitorFieldFlags, readStdin: ReadStdin): Promise<Record<string, unknown>> {
  const duration = (value: string | undefined) => (value === undefined ? undefined : durationValue(value));
  const body = mergeBody(
    flags.data,
    {
      name: flags.name,
      slug: flags.slug,
      interval: duration(flags.interval),
      schedule: flags.schedule,
      timezone: flags.tz,
      grace: duration(flags.grace),
      max_runtime: duration(flags.maxRuntime),
      failure_threshold: flags.failureThreshold,
      recovery_threshold: flags.recoveryThreshold,
      summary: flags.summary,
      channels: flags.channel,
      snoozed_until: flags.snooze === undefined ? undefined : snoozeValue(flags.snooze),
    },
    readStdin,
  );
  return withChannelIds(client, body);
}

const isNames = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");

/**
 * Channels by name, in --channel and in --data's `channels` and escalation steps alike, turned into ids (the
 * API takes ids); anything else is left for the server to judge, and name.
 */
async function withChannelIds(client: LubdubClient, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  // channelIds asks the server only when a name is among them.
  const resolve = async (list: unknown) => (isNames(list) ? await channelIds(client, list) : list);
  const channels = await resolve(body.channels);
  const escalation = Array.isArray(body.escalation)
    ? await Promise.all(
        body.escalation.map(async (step: unknown) => (isStep(step) ? { ...step, channels: await resolve(step.channels) } : step)),
      )
    : body.escalation;
  return { ...body, ...(body.channels === undefined ? {} : { channels }), ...(body.escalation === undefined ? {} : { escalation }) };
}

const isStep = (step: unknown): step is { channels: unknown } => typeof step === "object" && step !== null && "channels" in step;
