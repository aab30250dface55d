import type { DocOperation, DocSchema } from "./docs-types";

/**
 * The docs page's curl example of an operation, ready to paste: this server's origin, each path
 * parameter as its example or `<name>`, the token as `$TOKEN` for the admin API, and a body from the
 * schema's example (or its required fields) sent with `content-type: application/json`: the server reads
 * JSON whatever the type, but proxies and validators go by the document, which says JSON.
 */

/** A word for the shell, in single quotes (a quote inside closes, escapes and reopens them). */
const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

type Resolve = (schema: DocSchema | undefined) => DocSchema | undefined;

/** A sample value of a schema: its example, default, first enum value, or a placeholder of its type. */
function sample(schema: DocSchema | undefined, name: string, resolve: Resolve, depth = 0): unknown {
  const s = resolve(schema);
  if (!s || depth > 3) return `<${name}>`;
  if (s.examples?.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  const option = s.oneOf?.[0] ?? s.anyOf?.[0];
  if (option) return sample(option, name, resolve, depth + 1);
  if (s.properties) {
    // The required fields; for a PATCH (none required), its first field: what an edit looks like.
    const names = s.required?.length ? s.required : Object.keys(s.properties).slice(0, 1);
    return Object.fromEntries(names.map((field) => [field, sample(s.properties?.[field], field, resolve, depth + 1)]));
  }
  if (s.type === "array") return [];
  if (s.type === "boolean") return true;
  if (s.type === "integer" || s.type === "number") return 1;
  return `<${name}>`;
}

export function curlExample(origin: string, path: string, method: string, op: DocOperation, resolve: Resolve): string {
  const params = new Map((op.parameters ?? []).filter((p) => p.in === "path").map((p) => [p.name, p]));
  const url = `${origin}${path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const example = params.get(name)?.schema?.examples?.[0];
    return typeof example === "string" ? example : `<${name}>`;
  })}`;
  const flag = { head: "-I ", get: "" }[method] ?? `-X ${method.toUpperCase()} `;
  const lines = [`curl -fsS ${flag}${quote(url)}`];
  if (op.security?.length !== 0) lines.push(`-H "Authorization: Bearer $TOKEN"`);
  const content = op.requestBody?.content ?? {};
  const json = content["application/json"];
  if (json) {
    lines.push(`-H 'content-type: application/json'`, `-d ${quote(JSON.stringify(sample(json.schema, "body", resolve)))}`);
  } else if (Object.keys(content).length > 0) {
    lines.push("--data-binary @job-output.log");
  }
  return lines.join(" \\\n  ");
}
