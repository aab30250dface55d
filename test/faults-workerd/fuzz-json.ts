/**
 * JSON for the fuzzer as text, not JS values: JSON.stringify cannot write 1e309, duplicate keys, a
 * `__proto__` key read back as an own property, or 10,000 levels of nesting without recursing.
 */

/** Verbatim JSON text (possibly invalid), spliced in as it is. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** An id or value known only once fixtures exist (a real channel id, say): resolved when the body is written. */
export class PoolRef {
  constructor(
    readonly pool: PoolName,
    readonly pick: number,
  ) {}
}

/** Entries rather than an object, so keys like `__proto__` and duplicates survive. */
export class JsonObject {
  constructor(readonly entries: [string, JsonLike][]) {}
}

export type JsonLike = null | boolean | number | string | RawJson | PoolRef | JsonObject | JsonLike[];

export type PoolName =
  | "monitor"
  | "channel"
  | "alert"
  | "delivery"
  | "token"
  | "forgedToken"
  | "phantomToken"
  | "pingKey"
  | "slug"
  | "pingN";

export type Resolve = (ref: PoolRef) => string;

/** Plain data (as written in templates) to JsonLike, objects becoming entry lists. */
export function fromPlain(value: unknown): JsonLike {
  if (value instanceof RawJson || value instanceof PoolRef || value instanceof JsonObject) return value;
  if (Array.isArray(value)) return value.map(fromPlain);
  if (value !== null && typeof value === "object") return new JsonObject(Object.entries(value).map(([k, v]) => [k, fromPlain(v)]));
  if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
  throw new Error(`not JSON-like: ${String(value)}`);
}

export function toJsonText(value: JsonLike, resolve: Resolve): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof PoolRef) return JSON.stringify(resolve(value));
  if (value instanceof JsonObject) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v, resolve)}`).join(",")}}`;
  if (Array.isArray(value)) return `[${value.map((v) => toJsonText(v, resolve)).join(",")}]`;
  return JSON.stringify(value);
}

/** Every place inside `value` a mutation can target: a path of object keys and array indexes. */
function jsonPaths(value: JsonLike, prefix: (string | number)[] = []): (string | number)[][] {
  const children: [string | number, JsonLike][] =
    value instanceof JsonObject ? value.entries : Array.isArray(value) ? value.map((v, i) => [i, v]) : [];
  return [prefix, ...children.flatMap(([key, child]) => jsonPaths(child, [...prefix, key]))];
}

export type Mutation =
  | { op: "set"; at: number; value: JsonLike }
  | { op: "add"; at: number; key: string; value: JsonLike }
  | { op: "remove"; at: number }
  | { op: "field"; field: string; value: JsonLike };

/** Applies one mutation at the `at`-th path (modulo the number of paths), copying what it changes. */
export function mutate(root: JsonLike, mutation: Mutation): JsonLike {
  if (mutation.op === "field") {
    if (!(root instanceof JsonObject)) return root;
    const others = root.entries.filter(([key]) => key !== mutation.field);
    return new JsonObject([...others, [mutation.field, mutation.value]]);
  }
  const paths = jsonPaths(root);
  const path = paths[mutation.at % paths.length] ?? [];
  return rewrite(root, path, (target) => {
    if (mutation.op === "set") return mutation.value;
    if (mutation.op === "add") {
      if (target instanceof JsonObject) return new JsonObject([...target.entries, [mutation.key, mutation.value]]);
      if (Array.isArray(target)) return [...target, mutation.value];
      return mutation.value;
    }
    return undefined;
  });
}

/** Rebuilds `node` with the value at `path` replaced (undefined: removed). */
function rewrite(node: JsonLike, path: (string | number)[], change: (target: JsonLike) => JsonLike | undefined): JsonLike {
  if (path.length === 0) return change(node) ?? null;
  const [head, ...rest] = path;
  const replaced = (child: JsonLike) => (rest.length === 0 ? change(child) : rewrite(child, rest, change));
  if (node instanceof JsonObject) {
    const entries = node.entries.flatMap(([k, v]): [string, JsonLike][] => {
      if (k !== head) return [[k, v]];
      const next = replaced(v);
      return next === undefined ? [] : [[k, next]];
    });
    return new JsonObject(entries);
  }
  if (Array.isArray(node)) {
    return node.flatMap((v, i) => {
      if (i !== head) return [v];
      const next = replaced(v);
      return next === undefined ? [] : [next];
    });
  }
  return node;
}
