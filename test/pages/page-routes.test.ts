import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { ORIGIN, page, postForm, signIn } from "../helpers";
import { createTeamWithKeys } from "../teams-helpers";

/**
 * Every dashboard route, enumerated from the app itself (a new page cannot be forgotten): without a session
 * a page is a redirect to the sign-in page and a POST is refused; every POST refuses a form without its
 * CSRF token and a read-only session, on the server, whatever the page showed.
 */
const app = createApp();
const PUBLIC = ["GET /app/sign-in", "POST /app/sign-in", "GET /app/static/:file"];
/** POSTs a read key's session may make: they change no team data. */
const READ_SESSION_POSTS = ["POST /app/sign-out"];
/** POSTs only the admin token's session may make (a key's is refused as forbidden too). */
const SUPER_POSTS = ["POST /app/switch-team"];

const pageRoutes = [
  ...new Set(
    app.routes.filter((r) => r.path.startsWith("/app/") && r.method !== "ALL" && !r.path.endsWith("*")).map((r) => `${r.method} ${r.path}`),
  ),
];
const guarded = pageRoutes.filter((route) => !PUBLIC.includes(route));
const posts = guarded.filter((route) => route.startsWith("POST "));

const ID = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
/** A concrete path for a pattern: well-formed ids of the right kind, so only the session decides. */
const concrete = (pattern: string) =>
  pattern
    .replace(/\/monitors\/:\w+/, `/monitors/mon_${ID}`)
    .replace(/\/channels\/:\w+/, `/channels/chn_${ID}`)
    .replace(/\/alerts\/:\w+/, `/alerts/alt_${ID}`)
    .replace(/\/keys\/:\w+/, `/keys/key_${ID}`)
    .replace(/:\w+/g, "x");

describe("every dashboard route", () => {
  it("is enumerated (the list is not empty by accident)", () => {
    expect(guarded).toContain("GET /app/session.json");
    expect(posts).toContain("POST /app/sign-out");
  });

  it.each(guarded.filter((r) => r.startsWith("GET ")))("%s sends a browser without a session to sign in", async (route) => {
    const response = await page(concrete(route.slice(4)));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/^\/app\/sign-in\?next=/);
  });

  it.each(posts.filter((r) => r !== "POST /app/sign-out"))("%s refuses a request without a session", async (route) => {
    const response = await app.request(`${ORIGIN}${concrete(route.slice(5))}`, { method: "POST", body: new URLSearchParams({}) }, env);
    expect(response.status).toBe(401);
  });

  it("POST /app/sign-out without a session only goes to the sign-in page", async () => {
    const response = await app.request(
      `${ORIGIN}/app/sign-out`,
      { method: "POST", body: new URLSearchParams({}), redirect: "manual" },
      env,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/app/sign-in");
  });

  it.each(posts)("%s refuses a form without its CSRF token", async (route) => {
    const session = await signIn();
    const response = await postForm(concrete(route.slice(5)), session, {}, { csrf: false });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("this form has expired or did not come from this dashboard");
  });

  it.each(posts.filter((r) => !READ_SESSION_POSTS.includes(r)))("%s refuses a read-only session", async (route) => {
    const team = await createTeamWithKeys(`read-only ${route}`);
    const session = await signIn(team.read);
    const response = await postForm(concrete(route.slice(5)), session, {});
    expect(response.status).toBe(403);
    if (!SUPER_POSTS.includes(route)) expect(await response.text()).toContain("this session is read-only");
  });
});
