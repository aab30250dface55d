/** A monitor's object is named by its id, so the worker reaches it with no lookup. */
export function monitorStub(env: Env, monitorId: string) {
  return env.MONITOR.get(env.MONITOR.idFromName(monitorId));
}
