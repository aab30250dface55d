import { z } from "zod";
import type { AlertEventPayload } from "../domain/alert-event";
import { CHANNEL_EVENTS } from "../domain/channel-events";
import type { EmailBindingEnv, Outbound } from "../transports/email";
import type { ChannelConfig, ChannelPatch, DeliveryContext } from "./types";

/** How the API shows a secret value after creation: enough to recognise it, not to use it. */
export type Masker = (value: string) => string;

/** A kind's create body: a strict object with its `type` literal, the shared `name`, and its own fields. */
export type KindInputSchema<T extends string> = z.ZodObject<{ type: z.ZodLiteral<T>; name: z.ZodString }, z.core.$strict>;

type FieldOf<C> = Exclude<keyof C, "type"> & string;
/** Fields that can hold a URL (or nothing). */
type UrlFieldOf<C> = { [K in keyof C]-?: C[K] extends string | null ? K : never }[keyof C] & string;
/** A text field is masked as a whole; a map of names to secrets (webhook headers) says so, and each value is masked. */
type SecretMaskOf<V> = [V] extends [string | null] ? Masker : { mask: Masker; map: true };

/** A secret field of a kind, as the API masks it and the CLI's monitors-as-code file names it (an environment variable). */
export interface SecretField {
  field: string;
  mask: Masker;
  /** A map of names to secret values (webhook headers): each value is masked, and named by a variable of its own. */
  map: boolean;
}

/** Everything lubdub knows about one kind of channel, declared in its file under `kinds/` (see defineChannel). */
interface ChannelSpec<T extends string, I extends KindInputSchema<T>, S extends z.ZodType<{ type: T }>> {
  type: T;
  /** Its row in the README's channel table (Markdown), written there by `npm run docs` (scripts/channel-table.mjs). */
  docs: ChannelDocs;
  /** No `.default()` here: zod applies defaults inside `.partial()` too, so a PATCH would reset fields. */
  input: I;
  /** The PATCH body, when it is not the input's fields made optional. */
  patch?: z.ZodType<ChannelPatch>;
  /** What is stored, and how it is read back: a field added later gets a `.default()` so older rows still read. */
  stored: S;
  /** The stored configuration for a new channel: the input minus its name, every default filled in. */
  fromInput(input: z.output<I>): z.output<S>;
  /** Every field holding a URL its user gave: each must be https and public (url-safety.ts). None for fixed provider APIs. */
  userUrls: readonly UrlFieldOf<z.output<S>>[];
  /** Each secret field and how the API masks it. The same list says what is redacted from a receiver's answer. */
  secrets: { readonly [K in FieldOf<z.output<S>>]?: SecretMaskOf<z.output<S>[K]> };
  /** What the receiver answers when the channel is broken for good rather than briefly unwell (its provider's docs). */
  permanentStatuses: readonly number[];
  /**
   * True when one message of this kind may list an alert storm's alerts (an event with `group`, which
   * `alertMessage` renders as a list): chat and push kinds read by people. Leave it out (false) for a kind
   * whose receiver tracks each alert (a paging platform's incident per dedup key, a program's webhook).
   */
  groupsAlerts?: boolean;
  /** Turns an event into the request the receiver expects (or the email, for the send_email binding). Pure, apart from signing. */
  build(config: z.output<S>, event: AlertEventPayload, context: DeliveryContext): Outbound | Promise<Outbound>;
  /** Why this deployment cannot have channels of this kind (a binding it lacks), or null: creating one is then refused. */
  unavailable?: (env: EmailBindingEnv) => string | null;
}

/** A kind's row in the README's channel table: its configuration fields and what it sends, in Markdown. */
export interface ChannelDocs {
  config: string;
  sends: string;
}

export interface UserGivenUrl {
  field: string;
  url: string;
}

/**
 * A kind as the registry holds it: every method takes a configuration of any kind's shape and reads it
 * through this kind's stored schema first, so nothing here trusts a cast.
 */
export interface ChannelKind {
  readonly type: string;
  readonly docs: ChannelDocs;
  readonly input: KindInputSchema<string>;
  readonly patch: z.ZodType<ChannelPatch>;
  readonly permanentStatuses: readonly number[];
  /** Whether a storm's alerts reach it as one grouped message (see ChannelSpec). */
  readonly groupsAlerts: boolean;
  /** The fields `userUrls` reads. */
  readonly urlFields: readonly string[];
  /** Its secret fields: masked by the API, redacted from answers, named by variables in the CLI's file. */
  readonly secretFields: readonly SecretField[];
  parseConfig(raw: unknown): ChannelConfig;
  /** `input` is a body this kind's input schema accepted (checked again here: the registry cannot prove it to the compiler). */
  configFromInput(input: unknown): ChannelConfig;
  /**
   * Applies a PATCH its `patch` schema accepted. Absent (undefined) fields keep their value; null is kept
   * (it clears ntfy's token). The result is read through the stored schema, so a patch can never leave a
   * configuration the kind cannot read.
   */
  applyPatch(config: ChannelConfig, patch: Omit<ChannelPatch, "name">): ChannelConfig;
  userUrls(config: ChannelConfig): UserGivenUrl[];
  publicConfig(config: ChannelConfig, reveal: boolean): Record<string, unknown>;
  /** The raw values of its secret fields (secrets.ts adds the forms a receiver might echo them in). */
  secretValues(config: ChannelConfig): string[];
  /** The builder's request alone; `buildChannelRequest` adds the permanent statuses and the secrets to redact. */
  buildRequest(config: ChannelConfig, event: AlertEventPayload, context: DeliveryContext): Promise<Outbound>;
  /** Why this deployment cannot send to this kind (say what to add to wrangler.toml), or null. */
  unavailable(env: EmailBindingEnv): string | null;
}

/**
 * The settings every kind shares, kept beside its configuration (a column of their own): added to each
 * kind's create and PATCH schemas here, so the API document, the dashboard's form and the CLI see them.
 */
const COMMON_FIELDS = {
  events: CHANNEL_EVENTS.array()
    .min(1, "a channel takes at least one event; to silence it, remove it from its monitors")
    .refine((events) => new Set(events).size === events.length, "events must be unique")
    .optional()
    .meta({
      description:
        "Which notifications it takes: `opened` (an alert's opening), `escalation` (an opening reaching it as a later escalation step), `reminder`, `closed` (sent to every channel the alert reached, even one that took no opening). Default: all four.",
      examples: [["opened", "escalation"], ["closed"]],
    }),
};
const COMMON_FIELD_NAMES: ReadonlySet<string> = new Set(Object.keys(COMMON_FIELDS));
const kindFields = (input: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(input).filter(([key]) => !COMMON_FIELD_NAMES.has(key)));

/** Masks every string inside a secret field (a token, each value of a header map); null stays null. */
function maskLeaves(value: unknown, mask: Masker): unknown {
  if (typeof value === "string") return mask(value);
  if (Array.isArray(value)) return value.map((item) => maskLeaves(item, mask));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskLeaves(item, mask)]));
  }
  return value;
}

function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") return value === "" ? [] : [value];
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringLeaves);
  return [];
}

function listSecretFields(secrets: Readonly<Record<string, Masker | { mask: Masker; map: true } | undefined>>): SecretField[] {
  return Object.entries(secrets).flatMap(([field, secret]): SecretField[] => {
    if (secret === undefined) return [];
    return typeof secret === "function" ? [{ field, mask: secret, map: false }] : [{ field, mask: secret.mask, map: true }];
  });
}

/** The PATCH schema most kinds want: the create fields, all optional; `type` may be repeated but never changed. */
function defaultPatch(type: string, input: KindInputSchema<string>): z.ZodType<ChannelPatch> {
  return input
    .omit({ type: true })
    .partial()
    .extend({ type: z.literal(type, { error: `a channel's type cannot change (this one is ${type}); create a new channel` }).optional() });
}

/**
 * Declares a kind from its spec; add the result to `registry.ts` (one line) and the API, deliveries and
 * the CLI know it. The conformance suite then asks for one example (test/channels/kinds/examples.ts).
 */
export function defineChannel<T extends string, I extends KindInputSchema<T>, S extends z.ZodType<{ type: T }>>(
  spec: ChannelSpec<T, I, S>,
): ChannelKind {
  const secretFields = listSecretFields(spec.secrets);
  const masks = new Map(secretFields.map((secret) => [secret.field, secret.mask]));
  const fields = (config: ChannelConfig) => Object.entries(spec.stored.parse(config)).filter(([field]) => field !== "type");
  const input = spec.input.extend(COMMON_FIELDS);
  return {
    type: spec.type,
    docs: spec.docs,
    input,
    patch: spec.patch ?? defaultPatch(spec.type, input),
    permanentStatuses: spec.permanentStatuses,
    groupsAlerts: spec.groupsAlerts ?? false,
    urlFields: spec.userUrls,
    secretFields,
    parseConfig: (raw) => spec.stored.parse(raw),
    configFromInput: (given) => spec.fromInput(spec.input.parse(kindFields(input.parse(given)))),
    applyPatch(config, patch) {
      const changes = Object.entries(kindFields(patch)).filter(([key, value]) => key !== "type" && value !== undefined);
      return spec.stored.parse({ ...config, ...Object.fromEntries(changes), type: spec.type });
    },
    userUrls(config) {
      const typed = spec.stored.parse(config);
      return spec.userUrls.flatMap((field) => {
        const url: unknown = typed[field];
        // An optional URL left empty (null) calls nothing, so there is nothing to check.
        return typeof url === "string" ? [{ field, url }] : [];
      });
    },
    publicConfig(config, reveal) {
      const shown = fields(config).map(([field, value]) => {
        const mask = masks.get(field);
        return [field, mask && !reveal ? maskLeaves(value, mask) : value];
      });
      return Object.fromEntries(shown);
    },
    secretValues: (config) => fields(config).flatMap(([field, value]) => (masks.has(field) ? stringLeaves(value) : [])),
    buildRequest: async (config, event, context) => spec.build(spec.stored.parse(config), event, context),
    unavailable: (env) => spec.unavailable?.(env) ?? null,
  };
}
