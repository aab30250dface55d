import type { Context } from "hono";
import type { z } from "zod";
import { ApiError, type ErrorDetail } from "./errors";

/** Admin request bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

function pathToString(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, "");
}

function issueDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.flatMap((issue) => {
    const base = pathToString(issue.path);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, message: "unknown field" }));
    }
    return [{ path: base, message: issue.message }];
  });
}

export function validate<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = issueDetails(result.error.issues);
  const fields = [...new Set(details.map((d) => d.path || "body"))].join(", ");
  throw new ApiError(400, "invalid_request", `invalid ${what}: ${fields}`, details);
}

/** Reads and validates a JSON body. An absent body counts as `{}` only when `emptyAsObject` is set. */
export async function parseJsonBody<T extends z.ZodType>(
  c: Context,
  schema: T,
  options: { emptyAsObject?: boolean } = {},
): Promise<z.output<T>> {
  const text = await c.req.text();
  if (new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES) {
    throw new ApiError(413, "payload_too_large", `body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  if (text.trim() === "" && options.emptyAsObject) return validate(schema, {}, "body");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "body is not valid JSON", [{ path: "", message: "malformed JSON" }]);
  }
  return validate(schema, json, "body");
}

export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  return validate(schema, c.req.query(), "query");
}
