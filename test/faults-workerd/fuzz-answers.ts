import { ADMIN_BODY_LIMIT } from "../../src/validation";
import { PUBLIC_API_ROUTES } from "../admin-routes";
import type { FuzzRequest, Rendered } from "./fuzz-requests";

/** Checks on one answer that hold whatever the state: no 5xx, the error envelope, text kept as sent, the token, the body limit. */

const sameKeys = (value: object, keys: string[]) => JSON.stringify(Object.keys(value).sort()) === JSON.stringify(keys);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Exactly `{"error":{"code","message","details":[{"path","message"}],"request_id"}}`, as JSON; null when it is. */
function envelopeProblem(text: string, contentType: string | null): string | null {
  if (!contentType?.startsWith("application/json")) return `error content-type is ${contentType}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "error body is not JSON";
  }
  if (!isObject(body) || !sameKeys(body, ["error"]) || !isObject(body.error)) return "not the error envelope";
  const { error } = body;
  if (!sameKeys(error, ["code", "details", "message", "request_id"]))
    return "error has other fields than code, message, details, request_id";
  if (typeof error.code !== "string" || error.code === "" || typeof error.message !== "string") return "code or message is not a string";
  if (typeof error.request_id !== "string" || error.request_id === "") return "request_id is not a string";
  if (!Array.isArray(error.details)) return "details is not an array";
  const detailOk = (d: unknown) =>
    isObject(d) && sameKeys(d, ["message", "path"]) && typeof d.path === "string" && typeof d.message === "string";
  return error.details.every(detailOk) ? null : "a detail is not {path, message} strings";
}

/** U+FFFD, or a lone surrogate as JSON.stringify writes it (escaped; a valid pair stays as it is). */
const CORRUPTED = /\uFFFD|\\ud[89a-f][0-9a-f]{2}/i;

/** Not UTF-8, or not JSON: what a route that reads a JSON body must refuse. Empty bodies and a BOM are left to the route. */
function isMalformedJson(bytes: Uint8Array | null): boolean {
  if (bytes === null) return false;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    if (text.trim() === "") return false;
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/**
 * The API's documentation needs no token (GET, and HEAD with it); every other method on its path does.
 * A trailing slash names the same route (src/app.ts).
 */
const isPublic = (method: string, pathname: string) =>
  ["GET", "HEAD"].includes(method.toUpperCase()) && PUBLIC_API_ROUTES.includes(`GET ${pathname.replace(/(.)\/$/, "$1")}`);

/** What a single answer breaks, whatever the state: 5xx, the envelope, the body limit, the token. */
export function answerProblems(r: FuzzRequest, rendered: Rendered, response: Response, text: string): string[] {
  const problems: string[] = [];
  const { status } = response;
  const pathname = new URL(rendered.url).pathname;
  if (status >= 500) problems.push(`server error ${status}`);
  if (pathname.startsWith("/api/") && status >= 400 && status < 500 && r.method.toUpperCase() !== "HEAD") {
    const problem = envelopeProblem(text, response.headers.get("content-type"));
    if (problem) problems.push(problem);
  }
  if (
    pathname.startsWith("/api/") &&
    status < 300 &&
    response.headers.get("content-type")?.startsWith("application/json") &&
    CORRUPTED.test(text)
  ) {
    problems.push("the answer holds U+FFFD or a lone surrogate: the server kept text it should have refused (the fuzzer sends neither)");
  }
  const { upload } = rendered;
  // One chunk may be pulled ahead without anyone reading; more than that, and not to the end, is a body abandoned mid-stream.
  if (upload && upload.delivered > 16 * 1024 && upload.delivered < upload.bytes.byteLength) {
    problems.push(
      `a streamed body was abandoned after ${upload.delivered} of ${upload.bytes.byteLength} bytes (under wrangler dev: "503 Your worker restarted mid-request")`,
    );
  }
  if (!pathname.startsWith("/api/v1/")) return problems;
  if (!r.headers.authorization.valid && status !== 401 && !isPublic(r.method, pathname))
    problems.push(`answered ${status} without a valid token (expected 401)`);
  const declaresSize = r.headers.extra.some(([name]) => name === "content-length");
  if (r.headers.authorization.valid && !declaresSize && rendered.size > ADMIN_BODY_LIMIT !== (status === 413)) {
    problems.push(`a ${rendered.size}-byte body answered ${status} (limit ${ADMIN_BODY_LIMIT}: 413 exactly above it)`);
  }
  return problems;
}

/**
 * A route that ever answered `invalid_json` reads a JSON body: it must never accept one that is not
 * UTF-8 or not JSON (say, by decoding bytes it should have refused). Judged on requests sent to the
 * route as it is (its own method, an unchanged path); an acceptance seen before the route was known
 * to read JSON is reported as soon as it is.
 */
export class JsonBodyRule {
  private readonly readsJson = new Set<string>();
  private readonly acceptedMalformed = new Map<string, string>();

  problems(r: FuzzRequest, rendered: Rendered, status: number, text: string): string[] {
    const plain = r.mutation.kind === "none" && r.route === `${r.method} ${r.route.split(" ")[1]}`;
    if (!plain) return [];
    if (status === 400 && text.includes('"code":"invalid_json"')) this.readsJson.add(r.route);
    if (status < 300 && isMalformedJson(rendered.bytes)) this.acceptedMalformed.set(r.route, rendered.description);
    const accepted = this.acceptedMalformed.get(r.route);
    if (!this.readsJson.has(r.route) || accepted === undefined) return [];
    this.acceptedMalformed.delete(r.route); // reported once
    return [`${r.route} reads JSON bodies, yet accepted one that is not UTF-8 JSON:\n${accepted}`];
  }
}
