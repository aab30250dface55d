import { z } from "zod";
import { channelKind, channelTypes } from "../../src/channels/registry";
import { DAY, duration, MAX_CHANNELS_PER_LIST } from "../../src/schemas/common";
import { monitorPatchInput, ONE_ALERTING_FORM, ONE_SCHEDULE, SLUG_PATTERN, SLUG_RULE, SOME_SCHEDULE } from "../../src/schemas/monitor";
import { secretFieldsOf } from "./secrets";

/**
 * The monitors-as-code file (`lubdub.yaml` or `.json`): channels keyed by name, monitors keyed by slug.
 * Built from the API's own input schemas (src/schemas, src/channels), so the file accepts what the API
 * accepts, with two differences: monitors name their channels by name instead of id, and channel secrets
 * are environment variable names instead of values. `lubdub.schema.json` is generated from this.
 */

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What a secret written as its value (`token: tk_...`) is told: how the file names it instead. */
const SECRET_AS_VALUE = "a secret is not written in the file: name the environment variable that holds it, {env: NAME}";

export const envRef = z
  .strictObject(
    { env: z.string().regex(ENV_NAME, "an environment variable name: letters, digits and '_'") },
    // A missing secret keeps zod's "expected object, received undefined".
    { error: (issue) => (issue.code === "invalid_type" && issue.input !== undefined ? SECRET_AS_VALUE : undefined) },
  )
  .meta({
    description: "A secret, read from this environment variable when the file is applied; the file never holds the value.",
    examples: [{ env: "NTFY_TOKEN" }],
  });
export type EnvRef = z.infer<typeof envRef>;

const channelNameKey = z.string().trim().min(1).max(200);

const channelNames = z
  .array(channelNameKey)
  .max(MAX_CHANNELS_PER_LIST)
  .refine((names) => new Set(names).size === names.length, "channel names must be unique")
  .meta({ description: "Channels by name: one declared under `channels:` in this file, or one that exists already." });

// A snooze is not configuration: it lives on the server only (monitor-settings.ts, kind "live").
const { slug: _slug, channels: _channels, escalation: _escalation, snoozed_until: _snooze, ...monitorFields } = monitorPatchInput.shape;

export const fileMonitor = z
  .strictObject({
    ...monitorFields,
    name: monitorFields.name.meta({ description: "Shown in lists and alerts. Default: the slug." }),
    enabled: monitorFields.enabled.meta({
      description: "Left as it is when absent, so `lubdub monitors pause` survives an apply; give it to manage it here.",
    }),
    location: monitorFields.location.meta({
      description:
        "The location hint the monitor's object is created with (wnam, enam, sam, weur, eeur, apac, oc, afr, me). Left as it is when absent; fixed once the monitor exists (the API refuses another value).",
    }),
    channels: channelNames.optional(),
    escalation: z
      .array(
        z.strictObject({
          after: duration(0, 30 * DAY, "Fire this step if the alert is still open this long after it opened"),
          channels: channelNames.min(1),
        }),
      )
      .max(10)
      .optional(),
  })
  // The API's rules across fields, plus one a PATCH does not have: a file's timezone needs its schedule.
  .refine(...SOME_SCHEDULE)
  .refine(...ONE_SCHEDULE)
  .refine((m) => m.timezone === undefined || m.schedule !== undefined, { message: "a timezone needs a cron schedule", path: ["timezone"] })
  .refine(...ONE_ALERTING_FORM)
  .meta({
    description:
      "A monitor, keyed by its slug. A field left out takes the API's default (as on creation), except `enabled` and `location`.",
  });
export type FileMonitor = z.input<typeof fileMonitor>;

/** One channel type's file form: its API create body without `name` (the key), secrets replaced by variable names. */
function fileChannelOf(type: string) {
  const { name: _name, ...shape } = channelKind(type).input.shape;
  const fields: Record<string, z.ZodType> = { ...shape };
  for (const secret of secretFieldsOf(type)) {
    const original = fields[secret.field];
    const form = secret.map ? z.record(z.string(), envRef) : envRef;
    fields[secret.field] = original?.safeParse(undefined).success ? form.optional() : form;
  }
  return z.strictObject(fields);
}

function fileChannelSchema() {
  const [first, ...rest] = channelTypes().map(fileChannelOf);
  if (!first) throw new Error("no channel kinds are registered");
  return z.discriminatedUnion("type", [first, ...rest]);
}

const fileChannel = fileChannelSchema().meta({
  description: "A channel, keyed by its name: `type` and that type's fields. Secret fields name an environment variable: `{env: NAME}`.",
});
export type FileChannel = { type: string } & Record<string, unknown>;

export const lubdubFile = z
  .strictObject({
    $schema: z.string().optional().meta({ description: "This file's JSON Schema, for editors." }),
    channels: z.record(channelNameKey, fileChannel).optional(),
    // zod's own message for a bad key is "Invalid key in record": say the rule instead, the server's words.
    monitors: z
      .record(z.string().regex(SLUG_PATTERN), fileMonitor, {
        error: (issue) => (issue.code === "invalid_key" ? `not a slug: ${SLUG_RULE}` : undefined),
      })
      .optional(),
  })
  .meta({
    title: "lubdub monitors as code",
    description: "Declares lubdub channels and monitors. `lubdub diff` shows what `lubdub apply` would change.",
  });

export interface LubdubFile {
  channels: Record<string, FileChannel>;
  monitors: Record<string, FileMonitor>;
}

/** Validates a parsed file. The input form is kept (not zod's output): it is what the API takes back. */
export function readLubdubFile(raw: unknown): { ok: true; file: LubdubFile } | { ok: false; error: z.ZodError } {
  const checked = lubdubFile.safeParse(raw);
  if (!checked.success) return { ok: false, error: checked.error };
  const input = raw as z.input<typeof lubdubFile>;
  return { ok: true, file: { channels: (input.channels ?? {}) as Record<string, FileChannel>, monitors: input.monitors ?? {} } };
}

/** The JSON Schema editors read (committed as lubdub.schema.json; a test fails when it is stale). */
export const lubdubJsonSchema = () => z.toJSONSchema(lubdubFile, { io: "input", unrepresentable: "any" });
