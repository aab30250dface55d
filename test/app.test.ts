import { describe, expect, it } from "vitest";
import { api } from "./helpers";
import { bearer, createTeamWithKeys } from "./teams-helpers";

// The admin API takes a trailing slash as the ping routes do (src/app.ts routedPath): the same route
// answers, body and all, behind the same authentication and scopes.

describe("a trailing slash on an admin route", () => {
  it("GET lists as without it", async () => {
    await api("POST", "/api/v1/monitors", { name: "listed with a slash", interval: "1h" });
    const withSlash = await api("GET", "/api/v1/monitors/?q=listed%20with");
    expect(withSlash.status).toBe(200);
    expect(withSlash.body).toEqual((await api("GET", "/api/v1/monitors?q=listed%20with")).body);
    expect(withSlash.body.data.map((m: { name: string }) => m.name)).toEqual(["listed with a slash"]);
  });

  it("POST creates from its body, and PATCH edits", async () => {
    const created = await api("POST", "/api/v1/monitors/", { name: "created with a slash", interval: "2h" });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe("created with a slash");
    const patched = await api("PATCH", `/api/v1/monitors/${created.body.id}/`, { name: "renamed with a slash" });
    expect(patched.status).toBe(200);
    const read = await api("GET", `/api/v1/monitors/${created.body.id}/`);
    expect(read.body.name).toBe("renamed with a slash");
  });

  it("still needs a key, and a key with the route's scope", async () => {
    const anonymous = await api("GET", "/api/v1/monitors/", undefined, { authorization: "" });
    expect(anonymous.status).toBe(401);
    const team = await createTeamWithKeys("slash scopes");
    const byReadKey = await api("POST", "/api/v1/monitors/", { name: "not by a read key", interval: "1h" }, bearer(team.read));
    expect(byReadKey.status).toBe(403);
    const listed = await api("GET", "/api/v1/monitors/", undefined, bearer(team.read));
    expect(listed.body.data).toEqual([]);
  });
});
