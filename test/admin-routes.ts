/**
 * Every admin route, as `createApp().routes` names them. The workerd test `test/auth.test.ts` checks this
 * list against the app itself (so a new route cannot be forgotten here); the node fault suite, which
 * cannot import the worker, sends its requests from it.
 */
export const ADMIN_ROUTES: readonly (readonly [method: string, pattern: string])[] = [
  ["POST", "/api/v1/monitors"],
  ["GET", "/api/v1/monitors"],
  ["GET", "/api/v1/monitors/:id"],
  ["PATCH", "/api/v1/monitors/:id"],
  ["DELETE", "/api/v1/monitors/:id"],
  ["POST", "/api/v1/monitors/:id/pause"],
  ["POST", "/api/v1/monitors/:id/resume"],
  ["GET", "/api/v1/monitors/:id/alerts"],
  ["GET", "/api/v1/monitors/:id/pings"],
  ["GET", "/api/v1/monitors/:id/pings/:n/body"],
  ["GET", "/api/v1/monitors/:id/flips"],
  ["GET", "/api/v1/monitors/:id/uptime"],
  ["POST", "/api/v1/channels"],
  ["GET", "/api/v1/channels"],
  ["GET", "/api/v1/channels/:id"],
  ["PATCH", "/api/v1/channels/:id"],
  ["DELETE", "/api/v1/channels/:id"],
  ["POST", "/api/v1/channels/:id/test"],
  ["GET", "/api/v1/channels/:id/deliveries"],
  ["GET", "/api/v1/alerts"],
  ["GET", "/api/v1/alerts/:id"],
  ["GET", "/api/v1/alerts/:id/deliveries"],
  ["GET", "/api/v1/deliveries/:id"],
  ["POST", "/api/v1/deliveries/:id/retry"],
  ["GET", "/api/v1/team"],
  ["PATCH", "/api/v1/team"],
  ["POST", "/api/v1/teams"],
  ["GET", "/api/v1/teams"],
  ["PATCH", "/api/v1/teams/:id"],
  ["DELETE", "/api/v1/teams/:id"],
  ["POST", "/api/v1/teams/:id/keys"],
  ["GET", "/api/v1/teams/:id/keys"],
  ["DELETE", "/api/v1/keys/:id"],
  ["GET", "/api/v1/me"],
  ["GET", "/api/v1/metrics"],
  ["GET", "/api/v1/schedule-preview"],
];

/** The API's own documentation: public on purpose (it describes the API and holds no data), so not admin routes. */
export const PUBLIC_API_ROUTES: readonly string[] = ["GET /api/v1/openapi.json", "GET /api/docs"];
export const isAdminRoute = (route: { method: string; path: string }) =>
  route.path.startsWith("/api/") && !PUBLIC_API_ROUTES.includes(`${route.method} ${route.path}`);

const ID_PREFIX: Record<string, string> = {
  monitors: "mon",
  channels: "chn",
  alerts: "alt",
  deliveries: "dlv",
  teams: "team",
  keys: "key",
};

/** A request path for a route pattern, with well-formed ids, so only the token decides the answer. */
export function concretePath(pattern: string): string {
  const resource = pattern.split("/")[3] ?? "";
  return pattern.replace(":id", `${ID_PREFIX[resource] ?? "x"}_aaaaaaaaaaaaaaaaaaaaaaaaaa`).replace(":n", "1");
}

/** A body that would be valid or nearly so, so a route that skipped auth would not fail on parsing alone. */
export const bodyFor = (method: string): string | undefined => (method === "GET" || method === "DELETE" ? undefined : '{"name":"x"}');
