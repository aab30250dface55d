import type { Context, MiddlewareHandler } from "hono";
import type { z } from "zod";
import { concatBytes } from "./bytes";
import { ApiError, type ErrorDetail } from "./errors";
import { readToEnd } from "./request-body";

/** Admin request bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;
const tooLarge = () => new ApiError(413, "payload_too_large", `body exceeds ${MAX_BODY_BYTES} bytes`);

/**
 * Admin bodies over MAX_BODY_BYTES are a 413, whether or not they declare their length. A refused body
 * is read to its end (within limits) rather than abandoned mid-stream: under `wrangler dev` an unread
 * chunked body made the refusal itself, or the next request, a "503 Your worker restarted mid-request".
 */
export function limitBody(): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    // A declared length over the limit is refused without keeping anything; the body is still read.
    const declaredTooLarge = Number(c.req.header("content-length")) > MAX_BODY_BYTES;
    const chunks: Uint8Array[] = [];
    let kept = 0;
    const size = await readToEnd(body, (chunk) => {
      if (declaredTooLarge || kept > MAX_BODY_BYTES) return;
      chunks.push(chunk);
      kept += chunk.byteLength;
    });
    if (declaredTooLarge || size > MAX_BODY_BYTES) throw tooLarge();
    c.req.raw = new Request(c.req.raw, { body: concatBytes(chunks) });
    await next();
  };
}

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

/** A UTF-16 surrogate without its other half: text no UTF-8 can carry, so storage would turn it into U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Visit {
  value: unknown;
  key: PropertyKey | null;
  parent: Visit | null;
}

function visitPath(visit: Visit): string {
  const keys: PropertyKey[] = [];
  for (let v: Visit | null = visit; v?.key != null; v = v.parent) keys.unshift(v.key);
  return pathToString(keys);
}

/** Where the parsed body holds keys or strings with a lone surrogate (JSON's "\ud800"). Iterative: bodies nest deep. */
function loneSurrogatePaths(root: unknown): string[] {
  const found: string[] = [];
  const stack: Visit[] = [{ value: root, key: null, parent: null }];
  for (let visit = stack.pop(); visit && found.length < 20; visit = stack.pop()) {
    const { value } = visit;
    if (typeof value === "string" && LONE_SURROGATE.test(value)) found.push(visitPath(visit));
    if (typeof value !== "object" || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      const next = { value: child, key: Array.isArray(value) ? Number(key) : key, parent: visit };
      if (LONE_SURROGATE.test(key)) found.push(visitPath(next));
      else stack.push(next);
    }
  }
  return found.sort();
}

const invalidJson = (message: string, detail: string) => new ApiError(400, "invalid_json", message, [{ path: "", message: detail }]);

/** The body as text, refused when it is too large or not UTF-8 (a replacement character would be stored in its place). */
async function readBodyText(c: Context): Promise<string> {
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge();
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalidJson("body is not valid UTF-8", "not UTF-8");
  }
}

/** Reads and validates a JSON body. */
export async function parseJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const text = await readBodyText(c);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidJson("body is not valid JSON", "malformed JSON");
  }
  const surrogates = loneSurrogatePaths(json);
  if (surrogates.length > 0) {
    const details = surrogates.map((path) => ({ path, message: "not valid Unicode text (a lone surrogate)" }));
    throw new ApiError(400, "invalid_request", `invalid body: ${surrogates.map((p) => p || "body").join(", ")}`, details);
  }
  return validate(schema, json, "body");
}

export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  return validate(schema, c.req.query(), "query");
}
