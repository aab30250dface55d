import fc from "fast-check";
import { type PoolName, PoolRef } from "./fuzz-json";
import { anyText } from "./fuzz-values";

/** Every method workerd's Request accepts (it refuses unknown ones like FOO before any app sees them), in odd cases too. */
export const ANY_METHOD = fc.constantFrom(
  ...["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "PROPPATCH", "PURGE", "SEARCH", "MKCOL"],
  ...["COPY", "MOVE", "LOCK", "UNLOCK", "REPORT", "ACL", "MERGE", "NOTIFY", "SUBSCRIBE", "CHECKOUT", "QUERY", "get", "patch", "Delete"],
);

/** A path segment or query value: literal text, or a real id picked at run time. `raw` text is not percent-encoded. */
export type Part = { value: string | PoolRef; raw: boolean };

const literal = (value: string, raw = false): Part => ({ value, raw });
const fromPool = (pool: PoolName, maxPick = 5) => fc.nat(maxPick).map((pick): Part => ({ value: new PoolRef(pool, pick), raw: false }));

const rawSegments = ["..", ".", "%2e%2e", "%2F", "%00", "%ff", "%zz", "%", "a%2Fb", "%E2%80%AE", "%C0%AF", ";", "*", "~"];
const oddSegments = [
  "",
  " ",
  "__proto__",
  "constructor",
  "1e309",
  "-1",
  "0",
  "0.5",
  "NaN",
  "null",
  "undefined",
  "é",
  "😀",
  "a".repeat(10_000),
];

const segment: fc.Arbitrary<Part> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...rawSegments).map((s) => literal(s, true)) },
  { weight: 3, arbitrary: fc.constantFrom(...oddSegments).map((s) => literal(s)) },
  { weight: 2, arbitrary: anyText(30).map((s) => literal(s)) },
);

const ID_POOLS: Record<string, PoolName> = { monitors: "monitor", channels: "channel", alerts: "alert", deliveries: "delivery" };
const wellFormedUnknown = ["mon_", "chn_", "alt_", "dlv_"].map((prefix) => `${prefix}${"a".repeat(26)}`);

/** An `:id`: mostly real ids of the kind the route expects, then other kinds, unknown and malformed ones. */
function idParam(previousSegment: string): fc.Arbitrary<Part> {
  const expected = ID_POOLS[previousSegment];
  return fc.oneof(
    { weight: expected ? 10 : 0, arbitrary: fromPool(expected ?? "monitor") },
    { weight: 2, arbitrary: fc.constantFrom<PoolName>("monitor", "channel", "alert", "delivery").chain((pool) => fromPool(pool)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...wellFormedUnknown, "MON_AAAAAAAAAAAAAAAAAAAAAAAAAA", "mon_1", "mon_").map((s) => literal(s)),
    },
    { weight: 2, arbitrary: segment },
  );
}

const SIGNALS = ["start", "fail", "log", "0", "1", "255", "256", "-1", "007", "1.5", "1e2", "START", "Fail", "success", "999999999999"];

const signal: fc.Arbitrary<Part> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SIGNALS).map((s) => literal(s)) },
  { weight: 2, arbitrary: fromPool("slug", 3) },
  { weight: 1, arbitrary: fc.constantFrom("UPPER-SLUG", "new-fuzz-slug", "a".repeat(101)).map((s) => literal(s)) },
  { weight: 2, arbitrary: segment },
);

const pingFirst: fc.Arbitrary<Part> = fc.oneof(
  { weight: 8, arbitrary: fromPool("token") },
  { weight: 2, arbitrary: fromPool("forgedToken") },
  { weight: 1, arbitrary: fromPool("phantomToken") },
  { weight: 3, arbitrary: fromPool("pingKey", 0) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z2-7]{52}$/).map((s) => literal(s)) },
  { weight: 1, arbitrary: fc.constantFrom("A".repeat(52), "a".repeat(51), "a".repeat(53), "0".repeat(32)).map((s) => literal(s)) },
  { weight: 1, arbitrary: segment },
);

/** Values for a route parameter, chosen by its name (and, for `:id`, the resource before it); anything else gets generic segments. */
export function paramValue(name: string, previousSegment: string): fc.Arbitrary<Part> {
  if (name === "id") return idParam(previousSegment);
  if (name === "n")
    return fc.oneof(
      fromPool("pingN", 3),
      fc.constantFrom("0", "-1", "1.5", "1e309", "99999999999999999999").map((s) => literal(s)),
      segment,
    );
  if (name === "first") return pingFirst;
  if (name === "second" || name === "third") return signal;
  return segment;
}

export const PATH_MUTATIONS = [
  "trailingSlash",
  "doubleSlash",
  "dotSegment",
  "dotDot",
  "extraSegment",
  "upperCase",
  "encodeChar",
  "matrix",
  "long",
] as const;
export type PathMutation = (typeof PATH_MUTATIONS)[number] | "none";

export const pathMutation: fc.Arbitrary<{ kind: PathMutation; at: number }> = fc.record({
  kind: fc.oneof({ weight: 6, arbitrary: fc.constant<PathMutation>("none") }, { weight: 1, arbitrary: fc.constantFrom(...PATH_MUTATIONS) }),
  at: fc.nat(200),
});

export function applyPathMutation(path: string, { kind, at }: { kind: PathMutation; at: number }): string {
  const slash = Math.max(1, path.lastIndexOf("/"));
  const i = 1 + (at % Math.max(1, path.length - 1));
  if (kind === "trailingSlash") return `${path}/`;
  if (kind === "doubleSlash") return `${path.slice(0, slash)}/${path.slice(slash)}`;
  if (kind === "dotSegment") return `${path.slice(0, slash)}/.${path.slice(slash)}`;
  if (kind === "dotDot") return `${path}/../${at % 2 ? "x" : ""}`;
  if (kind === "extraSegment") return `${path}/${at}`;
  if (kind === "upperCase") return path.toUpperCase();
  if (kind === "encodeChar") return `${path.slice(0, i)}%${(path.charCodeAt(i) || 47).toString(16).padStart(2, "0")}${path.slice(i + 1)}`;
  if (kind === "matrix") return `${path};a=b`;
  if (kind === "long") return `${path}/${"x".repeat(20_000)}`;
  return path;
}

const cursorOf = (text: string) => btoa(text).replace(/=+$/, "");
const QUERY_VALUES = [
  "",
  "0",
  "1",
  "-1",
  "0.5",
  "100",
  "101",
  "1000",
  "1001",
  "1e309",
  "NaN",
  "Infinity",
  "0x10",
  " 5",
  "open",
  "closed",
  "OPEN",
  "1",
  "true",
];
const RAW_QUERIES = [
  "?",
  "?&&",
  "?limit",
  "?limit=%",
  "?limit=%zz",
  "?%ff=1",
  "?limit=1&limit=2",
  "?status=open&status=closed",
  "?a[b]=1",
  `?x=${"y".repeat(10_000)}`,
];

const queryValue: fc.Arbitrary<Part> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...QUERY_VALUES).map((s) => literal(s)) },
  { weight: 2, arbitrary: fc.constantFrom("monitor", "alert", "channel").chain((pool) => fromPool(pool as PoolName)) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(`1:mon_${"a".repeat(26)}`, "-1:x", "1e309:mon_x", `${"9".repeat(20)}:alt_${"a".repeat(26)}`)
      .map((s) => literal(cursorOf(s))),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom("6f1c2d3e-0000-4000-8000-000000000000", "6F1C2D3E-0000-4000-8000-000000000000", "not-a-uuid")
      .map((s) => literal(s)),
  },
  { weight: 2, arbitrary: segment },
);

const QUERY_KEYS = ["limit", "cursor", "status", "monitor_id", "rid", "create", "__proto__", "constructor", "LIMIT", ""];

export type Query = { raw: string } | { pairs: [string, Part][] } | null;

export const query: fc.Arbitrary<Query> = fc.oneof(
  { weight: 5, arbitrary: fc.constant(null) },
  {
    weight: 4,
    arbitrary: fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), queryValue), { minLength: 1, maxLength: 4 })
      .map((pairs) => ({ pairs })),
  },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERIES).map((raw) => ({ raw })) },
);
