import type { ZodType } from "zod";
import { channelKind } from "../../src/channels/registry";
import type { EnvRef, FileChannel } from "./format";
import type { Change, Plan, PlanOptions } from "./plan";
import { type SecretField, secretFieldsOf } from "./secrets";

/**
 * One channel's part of the plan. The server never shows a stored secret again, only its mask (the last
 * few characters of a token, the host of a Slack URL), so a secret is compared by masking the value the
 * environment holds: a different mask is a sure change and is sent; the same mask may still hide a
 * different value, which `--update-secrets` sends anyway. Fields the file leaves out are not managed.
 */

/** What the API shows of a channel (GET /api/v1/channels). */
export interface ApiChannel {
  id: string;
  type: string;
  name: string;
  config: Record<string, unknown>;
  /** Which notifications it takes (servers before the setting show none: every event). */
  events?: string[];
}

/** A plain field as the API shows it: the kind's own in `config`, the setting every kind shares (`events`) beside it. */
const shownValue = (current: ApiChannel, field: string): unknown => (field === "events" ? current.events : current.config[field]);

type Env = PlanOptions["env"];
type Resolved = { ok: true; value: unknown; masked: unknown } | { ok: false; missing: string[] };

function resolveSecret(secret: SecretField, ref: unknown, env: Env): Resolved {
  const refs: [string | null, EnvRef][] = secret.map ? Object.entries(ref as Record<string, EnvRef>) : [[null, ref as EnvRef]];
  const missing = refs.filter(([, r]) => env[r.env] === undefined).map(([, r]) => r.env);
  if (missing.length > 0) return { ok: false, missing };
  const values = refs.map(([key, r]) => [key, env[r.env] ?? ""] as const);
  if (!secret.map) {
    const value = values[0]?.[1] ?? "";
    return { ok: true, value, masked: secret.mask(value) };
  }
  return {
    ok: true,
    value: Object.fromEntries(values),
    masked: Object.fromEntries(values.map(([key, value]) => [key, secret.mask(value)])),
  };
}

/** A field as the API stores it (a Telegram chat_id given as a number is stored as text). */
function asStored(type: string, field: string, value: unknown): unknown {
  const shape: Readonly<Record<string, ZodType | undefined>> = channelKind(type).input.shape;
  const parsed = shape[field]?.safeParse(value);
  return parsed?.success ? parsed.data : value;
}

export function planChannel(plan: Plan, name: string, desired: FileChannel, current: ApiChannel | undefined, options: PlanOptions): void {
  const secrets = secretFieldsOf(desired.type).filter((secret) => desired[secret.field] !== undefined);
  const secretNames = new Set(secrets.map((secret) => secret.field));
  const plain = Object.entries(desired).filter(([field]) => field !== "type" && !secretNames.has(field));
  const resolved = secrets.map((secret) => ({ field: secret.field, result: resolveSecret(secret, desired[secret.field], options.env) }));
  const missing = resolved.flatMap(({ result }) => (result.ok ? [] : result.missing));

  if (!current) {
    if (missing.length > 0) plan.problems.push(`channel ${name}: environment variable(s) not set: ${missing.join(", ")}`);
    const secretValues = resolved.map(({ field, result }) => [field, result.ok ? result.value : null]);
    plan.steps.push({
      op: "create",
      kind: "channel",
      key: name,
      body: { type: desired.type, name, ...Object.fromEntries(plain), ...Object.fromEntries(secretValues) },
    });
    return;
  }
  if (current.type !== desired.type) {
    plan.problems.push(`channel ${name}: its type cannot change (${current.type} → ${desired.type}); delete it or give it another name`);
    return;
  }
  if (missing.length > 0) plan.notices.push(`channel ${name}: cannot compare its secrets, not set: ${missing.join(", ")}`);

  const changes: Change[] = plain
    .filter(([field, value]) => JSON.stringify(asStored(desired.type, field, value)) !== JSON.stringify(shownValue(current, field)))
    .map(([field, value]) => ({ field, from: shownValue(current, field), to: value }));
  const body: Record<string, unknown> = Object.fromEntries(changes.map(({ field, to }) => [field, to]));
  for (const { field, result } of resolved) {
    if (!result.ok) continue;
    const differs = JSON.stringify(result.masked) !== JSON.stringify(current.config[field]);
    if (differs) changes.push({ field, from: current.config[field], to: result.masked });
    if (differs || options.updateSecrets) body[field] = result.value;
  }
  if (Object.keys(body).length === 0) return;
  if (changes.length === 0)
    changes.push(...Object.keys(body).map((field) => ({ field, from: "(secret)", to: "(secret, from the environment)" })));
  plan.steps.push({ op: "update", kind: "channel", key: name, id: current.id, body, changes });
}
