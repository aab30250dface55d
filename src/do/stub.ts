type MonitorNamespace = Env["MONITOR"];

/**
 * Object ids by monitor id, kept per isolate and per namespace: `idFromName` hashes the name on every
 * call, and every ping needs the id (bench/PROFILE.md §3). An id is a plain value (not tied to a request,
 * unlike a stub), so reusing it is safe; each map is cleared when full, which bounds it.
 */
const objectIds = new WeakMap<MonitorNamespace, Map<string, DurableObjectId>>();
const MAX_CACHED_IDS = 10_000;

function objectIdOf(namespace: MonitorNamespace, monitorId: string): DurableObjectId {
  let ids = objectIds.get(namespace);
  if (ids === undefined) {
    ids = new Map();
    objectIds.set(namespace, ids);
  }
  const cached = ids.get(monitorId);
  if (cached !== undefined) return cached;
  if (ids.size >= MAX_CACHED_IDS) ids.clear();
  const id = namespace.idFromName(monitorId);
  ids.set(monitorId, id);
  return id;
}

/** A monitor's object is named by its id, so the worker reaches it with no lookup. */
export function monitorStub(env: Env, monitorId: string) {
  return env.MONITOR.get(objectIdOf(env.MONITOR, monitorId));
}
