import type { MiddlewareHandler } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./app-env";
import { concatBytes } from "./bytes";
import { ApiError, type ErrorDetail, invalidInput, keepRequestId } from "./errors";
import { readToEnd } from "./request-body";

/** Admin request bodies larger than this are refused with 413 before they are parsed. */
export const ADMIN_BODY_LIMIT = 64 * 1024;
const tooLarge = () => new ApiError("payload_too_large", `body exceeds ${ADMIN_BODY_LIMIT} bytes`);

/**
 * Admin bodies over ADMIN_BODY_LIMIT are a 413, whether or not they declare their length. A refused body
 * is read to its end (within limits) rather than abandoned mid-stream: under `wrangler dev` an unread
 * chunked body made the refusal itself, or the next request, a "503 Your worker restarted mid-request".
 */
export function limitBody(): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    // A declared length over the limit is refused without keeping anything; the body is still read.
    const declaredTooLarge = Number(c.req.header("content-length")) > ADMIN_BODY_LIMIT;
    const chunks: Uint8Array[] = [];
    let kept = 0;
    const size = await readToEnd(body, (chunk) => {
      if (declaredTooLarge || kept > ADMIN_BODY_LIMIT) return;
      chunks.push(chunk);
      kept += chunk.byteLength;
    });
    if (declaredTooLarge || size > ADMIN_BODY_LIMIT) throw tooLarge();
    c.req.raw = keepRequestId(c.req.raw, new Request(c.req.raw, { body: concatBytes(chunks) }));
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
  throw invalidInput(what, issueDetails(result.error.issues));
}

const WHERE = { json: "body", query: "query", param: "path" } as const;
const whereOf = (target: string) => (target in WHERE ? WHERE[target as keyof typeof WHERE] : "body");

/**
 * OpenAPIHono's `defaultHook`: a request that fails its route's schemas gets today's envelope and message
 * (`invalid body: a, b`), every offending field named, instead of the library's own 400.
 */
export function validationHook(result: { target: string } & ({ success: true } | { success: false; error: z.ZodError })): undefined {
  if (!result.success) throw invalidInput(whereOf(result.target), issueDetails(result.error.issues));
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

const invalidJson = (message: string, detail: string) => new ApiError("invalid_json", message, [{ path: "", message: detail }]);

/** The body as text, refused when it is too large or not UTF-8 (a replacement character would be stored in its place). */
async function readBodyText(request: Request): Promise<string> {
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > ADMIN_BODY_LIMIT) throw tooLarge();
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalidJson("body is not valid UTF-8", "not UTF-8");
  }
}

/** Parses a body's text as JSON, refusing what the API cannot store faithfully. */
function parseJsonText(text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidJson("body is not valid JSON", "malformed JSON");
  }
  const surrogates = loneSurrogatePaths(json);
  if (surrogates.length > 0) {
    throw invalidInput(
      "body",
      surrogates.map((path) => ({ path, message: "not valid Unicode text (a lone surrogate)" })),
    );
  }
  return json;
}

/**
 * Route middleware of every route that takes a JSON body. It reads the body whatever its content type
 * (curl sends `-d` as form data unless told otherwise, and lubdub has always accepted that), refuses text
 * that is not UTF-8 or not JSON with `invalid_json`, then hands the route's validator the same text as
 * `application/json`: the library's own reader would answer 415, or an `http_error` for malformed JSON.
 */
export const jsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const raw = c.req.raw;
  const text = await readBodyText(raw);
  parseJsonText(text);
  const headers = new Headers(raw.headers);
  headers.set("content-type", "application/json");
  c.req.raw = keepRequestId(raw, new Request(raw.url, { method: raw.method, headers, body: text }));
  await next();
};
