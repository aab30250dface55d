import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { isAdminRoute } from "./admin-routes";
import { api } from "./helpers";

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

  it("a prefix of the token is not the token", async () => {
    expect((await api("GET", "/api/v1/monitors", undefined, { authorization: "Bearer test-admin-toke" })).status).toBe(401);
    expect((await api("GET", "/api/v1/monitors", undefined, { authorization: "Bearer test-admin-tokenX" })).status).toBe(401);
    expect((await api("GET", "/api/v1/monitors")).status).toBe(200);
  });
});
