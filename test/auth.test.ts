import { describe, expect, it } from "vitest";
import { api } from "./helpers";

const ID = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
const ADMIN_ROUTES: [string, string][] = [
  ["GET", "/api/v1/monitors"],
  ["POST", "/api/v1/monitors"],
  ["GET", `/api/v1/monitors/mon_${ID}`],
  ["PATCH", `/api/v1/monitors/mon_${ID}`],
  ["DELETE", `/api/v1/monitors/mon_${ID}`],
  ["POST", `/api/v1/monitors/mon_${ID}/pause`],
  ["POST", `/api/v1/monitors/mon_${ID}/resume`],
  ["GET", `/api/v1/monitors/mon_${ID}/alerts`],
  ["GET", "/api/v1/channels"],
  ["POST", "/api/v1/channels"],
  ["GET", `/api/v1/channels/chn_${ID}`],
  ["PATCH", `/api/v1/channels/chn_${ID}`],
  ["DELETE", `/api/v1/channels/chn_${ID}`],
  ["GET", `/api/v1/channels/chn_${ID}/deliveries`],
  ["GET", "/api/v1/alerts"],
  ["GET", `/api/v1/alerts/alt_${ID}`],
  ["GET", `/api/v1/alerts/alt_${ID}/deliveries`],
  ["GET", `/api/v1/deliveries/dlv_${ID}`],
  ["POST", `/api/v1/channels/chn_${ID}/test`],
  ["GET", `/api/v1/monitors/mon_${ID}/pings`],
  ["GET", `/api/v1/monitors/mon_${ID}/pings/1/body`],
  ["GET", "/api/v1/team"],
  ["PATCH", "/api/v1/team"],
  ["POST", `/api/v1/deliveries/dlv_${ID}/retry`],
];

describe("admin authentication", () => {
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
