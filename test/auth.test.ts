import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { secretsEqual, sha256Hex, tokensEqual } from "../src/secrets";
import { bodyFor, concretePath, ADMIN_ROUTES as FAULT_SUITE_ROUTES, isAdminRoute } from "./admin-routes";
import { ADMIN_TOKEN, type ApiResponse, api, ORIGIN } from "./helpers";

const ID = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
const PREFIX: Record<string, string> = { monitors: "mon", channels: "chn", alerts: "alt", deliveries: "dlv", teams: "team", keys: "key" };

/**
 * Every admin route, from the app itself (middleware entries are `ALL` and end in `*`), with its
 * parameters filled: a route added later is checked without anyone editing this test.
 */
const ADMIN_ROUTES: [string, string][] = [
  ...new Set(
    createApp()
      .routes.filter((route) => isAdminRoute(route) && route.method !== "ALL" && !route.path.endsWith("*"))
      .map((route) => `${route.method} ${route.path}`),
  ),
].map((key) => {
  const [method = "", pattern = ""] = key.split(" ");
  const segments = pattern.split("/");
  const path = segments.map((segment, i) =>
    segment === ":id" ? `${PREFIX[segments[i - 1] ?? ""]}_${ID}` : segment === ":n" ? "1" : segment,
  );
  return [method, path.join("/")];
});

describe("admin authentication", () => {
  it("finds every admin route", () => {
    expect(ADMIN_ROUTES.length).toBeGreaterThanOrEqual(24);
    expect(ADMIN_ROUTES).toContainEqual(["POST", `/api/v1/deliveries/dlv_${ID}/retry`]);
  });

  it.each(ADMIN_ROUTES)("%s %s requires the admin token", async (method, path) => {
    for (const authorization of ["", "Bearer wrong-token", "Basic dGVzdC1hZG1pbi10b2tlbjo=", "Bearer "]) {
      const res = await api(method, path, method === "GET" || method === "DELETE" ? undefined : { name: "x" }, { authorization });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it.each([
    ["no header", {}, /^missing Authorization header: send `Authorization: Bearer <key>`/],
    ["an empty header", { authorization: "" }, /^missing Authorization header: send `Authorization: Bearer <key>`/],
    ["the token without its scheme", { authorization: ADMIN_TOKEN }, /^malformed Authorization header: send `Authorization: Bearer <key>`/],
    [
      "another scheme",
      { authorization: "Basic dGVzdC1hZG1pbi10b2tlbjo=" },
      /^malformed Authorization header: send `Authorization: Bearer <key>`/,
    ],
    ["a wrong token", { authorization: "Bearer wrong-token" }, /^invalid bearer token/],
  ])("%s: the 401 says what to send", async (_, headers, message) => {
    const res = await app.request(`${ORIGIN}/api/v1/monitors`, { headers }, env);
    expect(res.status).toBe(401);
    expect(((await res.json()) as ApiResponse["body"]).error.message).toMatch(message);
  });

  it("a prefix of the token is not the token", async () => {
    expect((await api("GET", "/api/v1/monitors", undefined, { authorization: "Bearer test-admin-toke" })).status).toBe(401);
    expect((await api("GET", "/api/v1/monitors", undefined, { authorization: "Bearer test-admin-tokenX" })).status).toBe(401);
    expect((await api("GET", "/api/v1/monitors")).status).toBe(200);
  });
});

const app = createApp();

async function call(method: string, path: string, body: unknown, bindings: Env, authorization: string) {
  const init: RequestInit = { method, headers: { authorization, "content-type": "application/json" } };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const res = await app.request(`http://lubdub.test${path}`, init, bindings);
  return { status: res.status, body: await res.json(), headers: res.headers } as ApiResponse;
}

describe("admin authentication on every route of the app", () => {
  const appRoutes = app.routes.filter((r) => isAdminRoute(r) && r.method !== "ALL").map((r) => `${r.method} ${r.path}`);

  it("the route list the fault suite uses is exactly the app's", () => {
    expect(FAULT_SUITE_ROUTES.map(([method, path]) => `${method} ${path}`).sort()).toEqual([...new Set(appRoutes)].sort());
  });

  const wrong: [label: string, authorization: string][] = [
    ["no header", ""],
    ["a wrong token of the same length", `Bearer ${"x".repeat(ADMIN_TOKEN.length)}`],
    ["a wrong, shorter token", "Bearer test-admin-toke"],
    ["a wrong, longer token", `Bearer ${ADMIN_TOKEN}${"x".repeat(500)}`],
    ["the token in another scheme", `Basic ${ADMIN_TOKEN}`],
  ];
  it.each(appRoutes)("%s answers 401 without the right token", async (route) => {
    const [method = "", pattern = ""] = route.split(" ");
    for (const [, authorization] of wrong) {
      const res = await call(method, concretePath(pattern), bodyFor(method), env, authorization);
      expect(res.status, `${route} with ${authorization}`).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
  });

  it("the comparison hashes both sides, so neither content nor length decides how long it takes", async () => {
    expect(await secretsEqual(ADMIN_TOKEN, ADMIN_TOKEN)).toBe(true);
    expect(await secretsEqual(`${ADMIN_TOKEN}x`, ADMIN_TOKEN)).toBe(false);
    expect(await secretsEqual("", ADMIN_TOKEN)).toBe(false);
  });

  it("one SHA-256 (the stored form of API keys) and one fixed-length comparison serve every secret", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(tokensEqual("tok_abcdef", "tok_abcdef")).toBe(true);
    expect(tokensEqual("tok_abcdef", "tok_abcdeg")).toBe(false);
    expect(tokensEqual("tok_abcdef", "tok_abcde")).toBe(false);
  });
});
