type MonitorNamespace = Env["MONITOR"];

/**
 * The deployment-wide jurisdiction of every monitor object (wrangler.toml `JURISDICTION`): the objects run
 * and store data only inside it. D1 must be created in the same one (`npm run deploy` does). Only the values
 * both Durable Objects and D1 accept; empty or absent is none.
 * https://developers.cloudflare.com/durable-objects/reference/data-location/
 * https://developers.cloudflare.com/d1/configuration/data-location/
 */
export const JURISDICTIONS = ["eu", "fedramp"] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** The JURISDICTION setting, or null for none. A value that is neither throws: never objects silently outside it. */
export function parseJurisdiction(value: string | undefined): Jurisdiction | null {
  if (value === undefined || value === "") return null;
  const known = JURISDICTIONS.find((j) => j === value);
  if (known === undefined) {
    throw new Error(
      `lubdub is misconfigured: JURISDICTION is ${JSON.stringify(value)}, but it must be ${JURISDICTIONS.map((j) => `"${j}"`).join(" or ")}, or empty for none (wrangler.toml [vars])`,
    );
  }
  return known;
}

interface Resolved {
  namespace: MonitorNamespace;
  /** Object ids by name: `idFromName` hashes the name on every call, and every ping needs the id (bench/PROFILE.md §3). */
  ids: Map<string, DurableObjectId>;
}

/**
 * Per isolate, per binding and per setting: the namespace objects are reached through (the jurisdiction's
 * subnamespace, or the binding itself) and the ids already derived in it. An id is a plain value (not tied
 * to a request, unlike a stub), so reusing it is safe; each map is cleared when full, which bounds it.
 */
const resolved = new WeakMap<MonitorNamespace, Map<string, Resolved>>();
const MAX_CACHED_IDS = 10_000;

function resolve(env: Env): Resolved {
  const setting = env.JURISDICTION ?? "";
  let bySetting = resolved.get(env.MONITOR);
  if (bySetting === undefined) {
    bySetting = new Map();
    resolved.set(env.MONITOR, bySetting);
  }
  let entry = bySetting.get(setting);
  if (entry === undefined) {
    const jurisdiction = parseJurisdiction(setting);
    entry = { namespace: jurisdiction === null ? env.MONITOR : env.MONITOR.jurisdiction(jurisdiction), ids: new Map() };
    bySetting.set(setting, entry);
  }
  return entry;
}

function objectIdOf(entry: Resolved, name: string): DurableObjectId {
  const cached = entry.ids.get(name);
  if (cached !== undefined) return cached;
  if (entry.ids.size >= MAX_CACHED_IDS) entry.ids.clear();
  const id = entry.namespace.idFromName(name);
  entry.ids.set(name, id);
  return id;
}

/**
 * A named object of the deployment's namespace (a monitor, or the /healthz probe). The jurisdiction is part
 * of the id, so every caller must come through here: the same name outside it is another, empty object.
 */
export function namedObject(env: Env, name: string, options?: DurableObjectNamespaceGetDurableObjectOptions) {
  const entry = resolve(env);
  return entry.namespace.get(objectIdOf(entry, name), options);
}

/** A monitor's object is named by its id, so the worker reaches it with no lookup. */
export function monitorStub(env: Env, monitorId: string, options?: DurableObjectNamespaceGetDurableObjectOptions) {
  return namedObject(env, monitorId, options);
}
