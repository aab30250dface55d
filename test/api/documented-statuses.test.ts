import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { AlertPage } from "../../src/api/alerts";
import { ChannelView } from "../../src/api/channels";
import { ErrorEnvelope } from "../../src/api/errors";
import { MonitorView } from "../../src/api/monitors";
import { TeamView } from "../../src/api/team";
import { createApp } from "../../src/app";
import { ADMIN_TOKEN, ORIGIN } from "../helpers";

// For a sample of routes, every status the document promises is one some request here actually gets,
// and every answer has the documented shape (the view's fields exactly, or the error envelope).

const app = createApp();
const produced = new Map<string, Set<number>>();
const views: Record<string, z.ZodObject> = {
  "post /api/v1/monitors": MonitorView,
  "get /api/v1/monitors/{id}": MonitorView,
  "patch /api/v1/monitors/{id}": MonitorView,
  "post /api/v1/channels": ChannelView,
  "get /api/v1/alerts": AlertPage,
  "patch /api/v1/team": TeamView,
};

interface Call {
  token?: string | null;
  body?: unknown;
  bindings?: Env;
  /** CF-Connecting-IP. */
  address?: string;
}

/** Calls `route` (its documented key) at `path`, records the status and checks the body's shape. */
async function call(
  route: string,
  path: string,
  { token = ADMIN_TOKEN, body, bindings = env, address }: Call = {},
): Promise<{ status: number; body: { id: string } }> {
  const [method = ""] = route.split(" ");
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  if (address !== undefined) headers["cf-connecting-ip"] = address;
  const init: RequestInit = { method: method.toUpperCase(), headers };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const res = await app.request(`${ORIGIN}${path}`, init, bindings);
  produced.set(route, (produced.get(route) ?? new Set()).add(res.status));
  if (res.status === 204) return { status: 204, body: { id: "" } };
  const json = await res.json();
  const schema = res.status >= 400 ? ErrorEnvelope : views[route];
  if (schema) {
    expect(schema.safeParse(json).error, `${route} ${res.status}`).toBeUndefined();
    expect(Object.keys(json as object).sort(), `${route} ${res.status}`).toEqual(Object.keys(schema.shape).sort());
  }
  return { status: res.status, body: json as { id: string } };
}

const UNKNOWN = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
const BIG = { name: "x".repeat(70 * 1024) };
const NO_TOKEN_SERVER = { ...env, ADMIN_TOKEN: "" };
/** The suites run with rate limits off (vitest.config.ts); this server has wrangler.toml's. */
const RATE_LIMITED_SERVER: Env = { ...env, RATE_LIMITS: undefined };
let guessers = 0;

/** Wrong tokens from a fresh address until the server refuses it (429, past 20 failures a minute). */
async function guessUntilRefused(route: string, path: string) {
  const address = `203.0.113.${++guessers}`;
  for (let tries = 0; tries < 50; tries++) {
    const { status } = await call(route, path, { token: "wrong-token", address, bindings: RATE_LIMITED_SERVER });
    if (status === 429) return;
  }
  throw new Error(`${route}: never rate limited`);
}

/** A read key of team_default: what a write route answers 403. */
let readKey: Promise<string> | null = null;
const aReadKey = () => {
  readKey ??= call("post /api/v1/teams/{id}/keys", "/api/v1/teams/team_default/keys", { body: { name: "r", scope: "read" } }).then(
    (res) => (res.body as unknown as { key: string }).key,
  );
  return readKey;
};

/**
 * The requests every admin route gets: no token (401), a server without one (503), a body too large
 * (413), on a write route a read key (403), and too many wrong tokens (429).
 */
async function common(route: string, path: string, takesBody: boolean) {
  await call(route, path, { token: null });
  if (!route.startsWith("get ")) await call(route, path, { token: await aReadKey() });
  await call(route, path, { bindings: NO_TOKEN_SERVER });
  if (takesBody) await call(route, path, { body: BIG });
  await guessUntilRefused(route, path);
}

describe("documented statuses", () => {
  let documented: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  beforeAll(async () => {
    const doc = (await (await app.request(`${ORIGIN}/api/v1/openapi.json`, {}, env)).json()) as { paths: typeof documented };
    documented = doc.paths;
  });

  it("monitors: create, get, patch, delete", async () => {
    const create = "post /api/v1/monitors";
    const first = await call(create, "/api/v1/monitors", { body: { name: "a", interval: 60, slug: "taken" } });
    await call(create, "/api/v1/monitors", { body: { name: "a" } });
    await call(create, "/api/v1/monitors", { body: { name: "b", interval: 60, slug: "taken" } });
    await common(create, "/api/v1/monitors", true);
    const other = await call(create, "/api/v1/monitors", { body: { name: "c", interval: 60 } });
    const one = (id: string) => `/api/v1/monitors/${id}`;

    const get = "get /api/v1/monitors/{id}";
    await call(get, one(first.body.id));
    await call(get, one(`mon_${UNKNOWN}`));
    await common(get, one(first.body.id), false);

    const patch = "patch /api/v1/monitors/{id}";
    await call(patch, one(first.body.id), { body: { name: "renamed" } });
    await call(patch, one(first.body.id), { body: { interval: "forever" } });
    await call(patch, one("not-an-id"), { body: { name: "x" } });
    await call(patch, one(other.body.id), { body: { slug: "taken" } });
    await common(patch, one(first.body.id), true);

    const remove = "delete /api/v1/monitors/{id}";
    await call(remove, one(other.body.id));
    await call(remove, one(other.body.id));
    await common(remove, one(first.body.id), false);
  });

  it("channels: create", async () => {
    const create = "post /api/v1/channels";
    await call(create, "/api/v1/channels", { body: { type: "webhook", name: "hook", url: "https://r.example/h" } });
    await call(create, "/api/v1/channels", { body: { type: "pigeon", name: "hook" } });
    await common(create, "/api/v1/channels", true);
  });

  it("alerts: list", async () => {
    const list = "get /api/v1/alerts";
    await call(list, "/api/v1/alerts?status=open");
    await call(list, "/api/v1/alerts?cursor=%25%25");
    await common(list, "/api/v1/alerts", false);
  });

  it("team: patch", async () => {
    const patch = "patch /api/v1/team";
    await call(patch, "/api/v1/team", { body: { create_on_ping: true } });
    await call(patch, "/api/v1/team", { body: { create_on_ping: "yes" } });
    await common(patch, "/api/v1/team", true);
  });

  it("every documented status was produced by one of the requests above, and no other", () => {
    for (const route of Object.keys(views)) {
      const [method = "", path = ""] = route.split(" ");
      const statuses = Object.keys(documented[path]?.[method]?.responses ?? {}).map(Number);
      expect(statuses.length, route).toBeGreaterThan(2);
      expect([...(produced.get(route) ?? [])].sort(), route).toEqual(expect.arrayContaining(statuses));
      // ...and nothing undocumented.
      expect(statuses, route).toEqual(expect.arrayContaining([...(produced.get(route) ?? [])]));
    }
  });
});
