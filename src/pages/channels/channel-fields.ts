/**
 * A channel kind's form, generated from its input schema in the registry (one source: a new kind gets its
 * form by itself), and the form's values turned back into the API's body. Fields are named as the API's,
 * so the API's validation errors land beside them.
 */
import { z } from "zod";
import { channelKind } from "../../channels/registry";

export type FieldControl = "text" | "url" | "secret" | "number" | "select" | "map" | "checks";

export interface ChannelField {
  name: string;
  control: FieldControl;
  required: boolean;
  /** The choices of a select, or of a list of checkboxes (a list of choices: a channel's events). */
  options: string[];
  /** A secret: masked once stored, so an edit form leaves it empty and an empty field keeps it. */
  secret: boolean;
}

interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
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
  if (only?.type === "array" && only.items?.enum) return { control: "checks", options: only.items.enum.map(String) };
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
    if (field.control === "checks") {
      // Each choice is its own checkbox (`events:opened`); the form marks the list as shown, so none ticked is a choice too.
      if (form[field.name] === "shown") body[field.name] = field.options.filter((option) => form[checkName(field, option)] === "on");
      continue;
    }
    const raw = form[field.name]?.trim() ?? "";
    if (raw === "") continue;
    body[field.name] = field.control === "map" ? parseMap(raw) : field.control === "number" ? numberOrText(raw) : raw;
  }
  return body;
}

/** The name of one choice's checkbox. */
export const checkName = (field: ChannelField, option: string): string => `${field.name}:${option}`;

/** Whether a choice is ticked: as typed (after an error), else as stored (a comma list), else every choice (the default). */
export function isTicked(field: ChannelField, option: string, values: Record<string, string>): boolean {
  if (values[field.name] === "shown") return values[checkName(field, option)] === "on";
  const stored = values[field.name];
  return stored === undefined || stored === "" ? true : stored.split(",").includes(option);
}

/** A stored value as its field shows it on the edit form ("" for secrets, which are masked). */
export function shownValue(field: ChannelField, value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(",");
  if (field.secret || value === null || value === undefined) return "";
  if (field.control === "map" && typeof value === "object") {
    return Object.entries(value)
      .map(([key, v]) => `${key}: ${String(v)}`)
      .join("\n");
  }
  return String(value);
}
