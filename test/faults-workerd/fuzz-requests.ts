import fc from "fast-check";
import { createApp } from "../../src/app";
import { ORIGIN } from "../helpers";
import { fieldEdge } from "./fuzz-fields";
import { type FuzzHeaders, headers } from "./fuzz-headers";
import { ANY_METHOD, applyPathMutation, type Part, type PathMutation, paramValue, pathMutation, type Query, query } from "./fuzz-http";
import { type JsonLike, type Mutation, mutate, PoolRef, type Resolve, toJsonText } from "./fuzz-json";
import { anyText, invalidUtf8, jsonTemplate, nastyKey, nastyValue, notJsonText } from "./fuzz-values";

/** One route of the app, as Hono lists it: the fuzzer covers new routes without being told. */
interface RouteTemplate {
  method: string;
  path: string;
}

/** Every route of the app with a method (middleware left out). */
export function appRoutes(): RouteTemplate[] {
  const seen = new Set<string>();
  return createApp()
    .routes.filter((r) => r.method !== "ALL")
    .map((r) => ({ method: r.method, path: r.path }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}

export type Body =
  | { kind: "json"; value: JsonLike }
  | { kind: "text"; text: string }
  | { kind: "bytes"; prefix: string; bytes: number[]; suffix: string }
  | { kind: "padded"; value: JsonLike; size: number };

export interface FuzzRequest {
  method: string;
  /** The route pattern it was built from, or "random". */
  route: string;
  segments: Part[];
  mutation: { kind: PathMutation; at: number };
  query: Query;
  headers: FuzzHeaders;
  body: Body | null;
  transport: "string" | "bytes" | "stream";
}

/** Changes to a valid body: anywhere in it (a nasty value, a nasty key, a field gone), or a known field at its edges. */
const mutation = (resource: string): fc.Arbitrary<Mutation> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant("set" as const), at: fc.nat(), value: nastyValue }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("add" as const), at: fc.nat(), key: nastyKey, value: nastyValue }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("remove" as const), at: fc.nat() }) },
    { weight: 5, arbitrary: fieldEdge(resource).map(({ field, value }): Mutation => ({ op: "field", field, value })) },
  );

const SIZES = [65_535, 65_536, 65_537, 100_000, 100_001, 200_000];

/** Bodies for a resource ("monitors", "channels", "team", …): valid, mutated, not JSON, not UTF-8, too big. */
function body(resource: string): fc.Arbitrary<Body | null> {
  const template = jsonTemplate(resource);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: "text", text: "" }) },
    { weight: 2, arbitrary: template.map((value): Body => ({ kind: "json", value })) },
    {
      weight: 12,
      arbitrary: fc
        .tuple(template, fc.array(mutation(resource), { minLength: 1, maxLength: 3 }))
        .map(([value, mutations]): Body => ({ kind: "json", value: mutations.reduce(mutate, value) })),
    },
    { weight: 2, arbitrary: notJsonText.map((text): Body => ({ kind: "text", text })) },
    { weight: 2, arbitrary: nastyValue.map((value): Body => ({ kind: "json", value })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(['{"name":"', '","interval":60}'], ["", ""], ['{"', '":1}']), invalidUtf8)
        .map(([[prefix = "", suffix = ""], bytes]): Body => ({ kind: "bytes", prefix, bytes, suffix })),
    },
    { weight: 1, arbitrary: fc.tuple(template, fc.constantFrom(...SIZES)).map(([value, size]): Body => ({ kind: "padded", value, size })) },
    { weight: 1, arbitrary: anyText(200).map((text): Body => ({ kind: "text", text })) },
  );
}

/** A `*` stands for one to four segments: a token or key, then signals, slugs or anything. */
const wildcard: fc.Arbitrary<Part[]> = fc
  .tuple(paramValue("first", ""), fc.array(paramValue("second", ""), { maxLength: 3 }))
  .map(([first, rest]) => [first, ...rest]);

const BODYLESS = new Set(["GET", "HEAD"]);

function resourceOf(path: string): string {
  if (path.startsWith("/ping")) return "ping";
  return path.split("/")[3] ?? "other";
}

/** Requests built from one route: its method (mostly), its parameters filled, the rest fuzzed. */
export function routeRequest(route: RouteTemplate): fc.Arbitrary<FuzzRequest> {
  const parts = route.path.split("/").slice(1);
  const segments = parts.map((part, i) => {
    if (part === "*") return wildcard;
    return part.startsWith(":") ? paramValue(part.slice(1), parts[i - 1] ?? "").map((p) => [p]) : fc.constant([{ value: part, raw: true }]);
  });
  const method = fc.oneof({ weight: 9, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: ANY_METHOD });
  return fc
    .record({
      method,
      route: fc.constant(`${route.method} ${route.path}`),
      segments: fc.tuple(...segments).map((lists) => lists.flat()),
      mutation: pathMutation,
      query,
      headers,
      body: body(resourceOf(route.path)),
      transport: fc.constantFrom("string" as const, "bytes" as const, "stream" as const),
    })
    .map((r) => ({ ...r, body: BODYLESS.has(r.method.toUpperCase()) ? null : r.body, [fc.toStringMethod]: shortForm }));
}

/** How fast-check prints a counterexample: long strings (bodies of 70,000 characters) cut short. */
function shortForm(this: FuzzRequest): string {
  return JSON.stringify(this, (_, value) =>
    typeof value === "string" && value.length > 120 ? `${value.slice(0, 120)}…(${value.length} chars)` : value,
  );
}

/** Requests to made-up paths, under the API, the ping routes and elsewhere, with any method. */
export const randomRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.constantFrom("/api/v1/", "/api/", "/ping/", "/", "/api/v2/", "/API/v1/"),
    routeRequest({ method: "POST", path: "/:x/:y/:z" }),
    ANY_METHOD,
  )
  .map(([prefix, request, method]) => ({
    ...request,
    method,
    route: "random",
    segments: [{ value: prefix.slice(1, -1), raw: true }, ...request.segments],
    body: BODYLESS.has(method.toUpperCase()) ? null : request.body,
  }));

function encodePart(part: Part, resolve: Resolve): string {
  const value = part.value instanceof PoolRef ? resolve(part.value) : part.value;
  return part.raw ? value : encodeURIComponent(value);
}

function queryText(q: Query, resolve: Resolve): string {
  if (q === null) return "";
  if ("raw" in q) return q.raw;
  return `?${q.pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodePart(v, resolve)}`).join("&")}`;
}

function bodyBytes(b: Body, resolve: Resolve): Uint8Array {
  const encoder = new TextEncoder();
  if (b.kind === "text") return encoder.encode(b.text);
  if (b.kind === "bytes") return new Uint8Array([...encoder.encode(b.prefix), ...b.bytes, ...encoder.encode(b.suffix)]);
  const text = toJsonText(b.value, resolve);
  return encoder.encode(b.kind === "padded" ? text.padEnd(b.size, " ") : text);
}

export interface Rendered {
  url: string;
  init: RequestInit;
  /** The body sent, if any. */
  bytes: Uint8Array | null;
  /** Bytes of the body actually sent (0 for none). */
  size: number;
  /** Set when the body was streamed: how much of it the server read. */
  upload: CountingUpload | null;
  /** The request for a failure message: method, URL, headers and the start of the body. */
  description: string;
}

export function render(r: FuzzRequest, resolve: Resolve): Rendered {
  const path = applyPathMutation(`/${r.segments.map((s) => encodePart(s, resolve)).join("/")}`, r.mutation);
  const url = `${ORIGIN}${path}${queryText(r.query, resolve)}`;
  const headerList: [string, string][] = r.headers.authorization.values.map((v) => ["authorization", v]);
  if (r.headers.contentType !== null) headerList.push(["content-type", r.headers.contentType]);
  headerList.push(...r.headers.extra);
  const bytes = r.body === null ? null : bodyBytes(r.body, resolve);
  const init: RequestInit = { method: r.method, headers: headerList };
  const sent = bytes ? transport(bytes, r.transport) : null;
  const upload = sent instanceof CountingUpload ? sent : null;
  if (sent !== null) init.body = sent instanceof CountingUpload ? sent.stream : sent;
  const shown = bytes ? new TextDecoder().decode(bytes.slice(0, 300)) : "";
  const description = [
    `${r.method} ${url.length > 400 ? `${url.slice(0, 400)}…(${url.length} chars)` : url}`,
    `  headers: ${JSON.stringify(headerList.map(([k, v]) => [k, v.length > 100 ? `${v.slice(0, 100)}…(${v.length})` : v]))}`,
    bytes
      ? `  body (${bytes.byteLength} bytes as ${r.transport}): ${JSON.stringify(shown)}${bytes.byteLength > 300 ? "…" : ""}`
      : "  no body",
  ].join("\n");
  return { url, init, bytes, size: bytes?.byteLength ?? 0, upload, description };
}

/** A body sent in 16 KiB chunks without a Content-Length, counting how much of it the server pulled. */
export class CountingUpload {
  delivered = 0;
  readonly stream: ReadableStream<Uint8Array>;

  constructor(readonly bytes: Uint8Array) {
    this.stream = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (this.delivered >= bytes.byteLength) return controller.close();
        const chunk = bytes.slice(this.delivered, this.delivered + 16 * 1024);
        controller.enqueue(chunk);
        this.delivered += chunk.byteLength;
      },
    });
  }
}

function transport(bytes: Uint8Array, how: FuzzRequest["transport"]): string | Uint8Array | CountingUpload {
  if (how === "bytes") return bytes;
  if (how === "string") {
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return bytes; // not UTF-8: only bytes can carry it
    }
  }
  return new CountingUpload(bytes);
}
