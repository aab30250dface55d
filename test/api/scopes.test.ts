import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { isAdminRoute } from "../admin-routes";
import { type ApiResponse, advanceTo, api, interceptFetch, ping, S, T0, useFakeClock } from "../helpers";
import { bearer, createKey, createTeamWithKeys, type TeamFixture } from "../teams-helpers";

// Every admin route of the app × every kind of caller, with ids in paths that belong to team A. Routes
// come from createApp() and their scopes from the OpenAPI document, so a route added later is checked
// (and one declared without a scope fails for everyone) without anyone editing this test.

useFakeClock(T0);

const app = createApp();
const ROUTES = [
  ...new Set(app.routes.filter((r) => isAdminRoute(r) && r.method !== "ALL" && !r.path.endsWith("*")).map((r) => `${r.method} ${r.path}`)),
];

/** Team A's resources (the ids in paths), team B's write key, and a revoked key of A's. */
interface World {
  a: TeamFixture;
  b: TeamFixture;
  revoked: string;
  ids: Record<string, string>;
}

const asA = (a: TeamFixture) => bearer(a.write);

async function buildWorld(): Promise<World> {
  interceptFetch();
  const a = await createTeamWithKeys("team a");
  const b = await createTeamWithKeys("team b");
  const revokedKey = await createKey(a.id, "read");
  await api("DELETE", `/api/v1/keys/${revokedKey.id}`);
  const channel = await api("POST", "/api/v1/channels", { type: "webhook", name: "a", url: "http://receiver.test/a" }, asA(a));
  const monitor = await api("POST", "/api/v1/monitors", { name: "a", interval: 10, grace: 0, channels: [channel.body.id] }, asA(a));
  await ping(monitor.body.ping_url, "POST", "ping body");
  await advanceTo(monitor.body.id, T0 + 30 * S);
  const [alert] = (await api("GET", "/api/v1/alerts", undefined, asA(a))).body.data;
  const [delivery] = (await api("GET", `/api/v1/alerts/${alert.id}/deliveries`, undefined, asA(a))).body.data;
  if (!alert || !delivery) throw new Error("fixture: no alert or delivery");
  const ids = {
    monitors: monitor.body.id,
    channels: channel.body.id,
    alerts: alert.id,
    deliveries: delivery.id,
    teams: a.id,
    keys: a.readKeyId,
  };
  return { a, b, revoked: revokedKey.key, ids };
}

let world: Promise<World> | null = null;
const theWorld = () => {
  world ??= buildWorld();
  return world;
};

/** DELETE gets a fresh resource of team A each time (a fresh empty team for /teams), so fixtures survive. */
async function freshId(resource: string, w: World): Promise<string | undefined> {
  const create: Record<string, () => Promise<ApiResponse>> = {
    monitors: () => api("POST", "/api/v1/monitors", { name: "gone", interval: 60 }, asA(w.a)),
    channels: () => api("POST", "/api/v1/channels", { type: "webhook", name: "gone", url: "http://receiver.test/g" }, asA(w.a)),
    keys: () => api("POST", `/api/v1/teams/${w.a.id}/keys`, { name: "gone", scope: "read" }, asA(w.a)),
    teams: () => api("POST", "/api/v1/teams", { name: "gone" }),
  };
  return (await create[resource]?.())?.body.id;
}

async function pathFor(method: string, pattern: string, w: World): Promise<string> {
  const segments = pattern.split("/");
  const out: string[] = [];
  for (const [i, segment] of segments.entries()) {
    const resource = segments[i - 1] ?? "";
    if (segment === ":id") out.push((method === "DELETE" ? await freshId(resource, w) : undefined) ?? w.ids[resource] ?? "x_unknown");
    else out.push(segment === ":n" ? "1" : segment);
  }
  return out.join("/");
}

const BODIES: Record<string, unknown> = {
  "POST /api/v1/monitors": { name: "m", interval: 60 },
  "PATCH /api/v1/monitors/:id": { name: "renamed" },
  "POST /api/v1/channels": { type: "webhook", name: "h", url: "http://receiver.test/h" },
  "PATCH /api/v1/channels/:id": { name: "renamed" },
  "PATCH /api/v1/team": { create_on_ping: false },
  "POST /api/v1/teams": { name: "t" },
  "PATCH /api/v1/teams/:id": { name: "renamed" },
  "POST /api/v1/teams/:id/keys": { name: "k", scope: "read" },
};
const bodyOf = (route: string, method: string) => BODIES[route] ?? (method === "GET" || method === "DELETE" ? undefined : { name: "x" });

let scopes: Promise<Map<string, string>> | null = null;
/** Each operation's declared scope, from the published document (`x-lubdub-scope`). */
const declaredScopes = () => {
  scopes ??= api("GET", "/api/v1/openapi.json").then((res) => {
    const map = new Map<string, string>();
    for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, Record<string, string>>>)) {
      for (const [method, op] of Object.entries(item))
        map.set(`${method.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ":$1")}`, op["x-lubdub-scope"] ?? "");
    }
    return map;
  });
  return scopes;
};

/** Passed authentication, scope and ownership: not 401, 403, 404, nor a 500. */
const works = (res: ApiResponse, label: string) =>
  expect([401, 403, 404, 500], `${label}: ${JSON.stringify(res.body)}`).not.toContain(res.status);

describe("route × caller matrix", () => {
  it("finds every admin route, the teams' own among them", () => {
    expect(ROUTES).toContain("DELETE /api/v1/keys/:id");
    expect(ROUTES.length).toBeGreaterThanOrEqual(32);
  });

  it.each(ROUTES)("%s", async (route) => {
    interceptFetch();
    const w = await theWorld();
    const [method = "", pattern = ""] = route.split(" ");
    const scope = (await declaredScopes()).get(route);
    expect(["read", "write", "super"], `${route} declares its scope`).toContain(scope);
    if (method !== "GET") expect(scope, `${route} changes something: not a read route`).not.toBe("read");
    const call = async (headers: Record<string, string>) => api(method, await pathFor(method, pattern, w), bodyOf(route, method), headers);

    for (const [who, headers] of Object.entries({
      "no key": { authorization: "" },
      "a wrong key": bearer(`lbd_${"a".repeat(32)}`),
      "a wrong token": bearer("not-a-key"),
      "a revoked key": bearer(w.revoked),
    })) {
      const res = await call(headers);
      expect(res.status, `${route} with ${who}`).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }

    works(await call({ "x-lubdub-team": w.a.id }), `${route} as the super-admin`);

    const ownWrite = await call(bearer(w.a.write));
    if (scope === "super") expect(ownWrite.status, `${route} with A's write key`).toBe(403);
    else works(ownWrite, `${route} with A's write key`);

    const ownRead = await call(bearer(w.a.read));
    if (scope === "read") works(ownRead, `${route} with A's read key`);
    else {
      expect(ownRead.status, `${route} with A's read key`).toBe(403);
      expect(ownRead.body.error.code).toBe("forbidden");
    }

    const other = await call(bearer(w.b.write));
    if (scope === "super") expect(other.status, `${route} with B's write key`).toBe(403);
    else if (pattern.includes(":id")) expect(other.status, `${route} with B's write key`).toBe(404);
    else {
      works(other, `${route} with B's write key`);
      const shown = JSON.stringify(other.body);
      for (const id of [...Object.values(w.ids), w.a.pingKey, w.a.writeKeyId])
        expect(shown, `${route} shows B nothing of A's`).not.toContain(id);
    }
  });
});
