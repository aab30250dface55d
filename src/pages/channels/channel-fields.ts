/**
 * A channel kind's form, generated from its input schema in the registry (one source: a new kind gets its
 * form by itself), and the form's values turned back into the API's body. Fields are named as the API's,
 * so the API's validation errors land beside them.
 */
import { z } from "zod";
import { channelKind } from "../../channels/registry";

export type FieldControl = "text" | "url" | "secret" | "number" | "select" | "map";

export interface ChannelField {
  name: string;
  control: FieldControl;
  required: boolean;
  /** The choices of a select. */
  options: string[];
  /** A secret: masked once stored, so an edit form leaves it empty and an empty field keeps it. */
  secret: boolean;
}

interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  additionalProperties?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

const cache = new Map<string, ChannelField[]>();

function controlOf(schema: JsonSchema, secret: boolean): Pick<ChannelField, "control" | "options"> {
  const variants = (schema.anyOf ?? [schema]).filter((s) => s.type !== "null");
  const only = variants.length === 1 ? variants[0] : undefined;
  if (only?.enum) return { control: "select", options: only.enum.map(String) };
  if (only?.type === "object") return { control: "map", options: [] };
  if (only && (only.type === "integer" || only.type === "number")) return { control: "number", options: [] };
  if (only?.format === "uri") return { control: "url", options: [] };
  return { control: secret ? "secret" : "text", options: [] };
}

/** The fields of a kind's create form, in its schema's order, `type` and `name` left to the form itself. */
export function channelFields(type: string): ChannelField[] {
  const known = cache.get(type);
  if (known) return known;
  const kind = channelKind(type);
  const schema = z.toJSONSchema(kind.input, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const secrets = new Set(kind.secretFields.map((s) => s.field));
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {})
    .filter(([name]) => name !== "type" && name !== "name")
    .map(([name, property]) => ({
      name,
      required: required.has(name),
      secret: secrets.has(name),
      ...controlOf(property, secrets.has(name)),
    }));
  cache.set(type, fields);
  return fields;
}

/** "X-Api-Key: abc" per line, as a map of headers; a line without a colon is kept whole, for the API to refuse by name. */
function parseMap(text: string): Record<string, string> {
  const entries = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(":");
      return at < 0 ? [line, ""] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
  return Object.fromEntries(entries);
}

/** A number field's text as a number when it is one (else the text, for the API to refuse with its message). */
const numberOrText = (text: string): number | string => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);

/**
 * The API body of a form: `name`, and each of the kind's fields that was filled in (an empty field is
 * left out: on create the kind's default applies, on edit the stored value stays).
 */
export function channelBody(type: string, form: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const name = form.name?.trim();
  if (name) body.name = name;
  for (const field of channelFields(type)) {
    const raw = form[field.name]?.trim() ?? "";
    if (raw === "") continue;
    body[field.name] = field.control === "map" ? parseMap(raw) : field.control === "number" ? numberOrText(raw) : raw;
  }
  return body;
}

/** A stored value as its field shows it on the edit form ("" for secrets, which are masked). */
export function shownValue(field: ChannelField, value: unknown): string {
  if (field.secret || value === null || value === undefined) return "";
  if (field.control === "map" && typeof value === "object") {
    return Object.entries(value)
      .map(([key, v]) => `${key}: ${String(v)}`)
      .join("\n");
  }
  return String(value);
}
