import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { ADMIN_TOKEN, api, ORIGIN, type PageSession, page, postForm, signIn } from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";

const app = createApp();

const signInWith = (token: string, headers: Record<string, string> = {}) =>
  app.request(
    `${ORIGIN}/app/sign-in`,
    { method: "POST", body: new URLSearchParams({ token, next: "/app/team" }), headers, redirect: "manual" },
    env,
  );

async function sessionOf(session: PageSession) {
  const response = await page("/app/session.json", session, { accept: "application/json" });
  return { status: response.status, body: (await response.json()) as { team_id?: string; scope?: string } };
}

describe("the dashboard's sign-in", () => {
  it("shows a password field, under a strict Content-Security-Policy", async () => {
    const response = await page("/app/sign-in");
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toMatch(/<input id="token" name="token" type="password"/);
    expect(html).toMatch(/<label for="token">/);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'nonce-[a-z2-7]+'/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("signs in with a write key: an HttpOnly, SameSite=Strict cookie and the page asked for", async () => {
    const team = await createTeamWithKeys("signin-write");
    const response = await signInWith(team.write);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/app/team");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^lubdub_session=[a-z2-7]{52};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).not.toContain("Secure"); // plain http here; https gets Secure (next test)
    const session = await signIn(team.write);
    expect((await sessionOf(session)).body).toMatchObject({ team_id: team.id, scope: "write" });
  });

  it("marks the cookie Secure over https", async () => {
    const response = await app.request(
      "https://lubdub.test/app/sign-in",
      { method: "POST", body: new URLSearchParams({ token: ADMIN_TOKEN }), redirect: "manual" },
      env,
    );
    expect(response.headers.get("set-cookie")).toContain("Secure");
  });

  it("refuses a wrong token with the form again (401), and sets no cookie", async () => {
    const response = await signInWith("lbd_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.text()).toContain("That is not a live API key nor the admin token.");
  });

  it("sends a browser without a session to the sign-in page, and back afterwards", async () => {
    const response = await page("/app/monitors?status=down");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/app/sign-in?next=%2Fapp%2Fmonitors%3Fstatus%3Ddown");
    expect((await page("/app/sign-in?next=https://evil.example/")).status).toBe(200);
    const form = await (await page("/app/sign-in?next=//evil.example/")).text();
    expect(form).toContain('name="next" value="/app/monitors"');
    const zoned = await (await page(`/app/sign-in?next=${encodeURIComponent("/app/monitors/x?tz=America/New_York")}`)).text();
    expect(zoned).toContain('name="next" value="/app/monitors/x?tz=America/New_York"');
    const backslash = await (await page(`/app/sign-in?next=${encodeURIComponent("/app\\..\\..\\evil")}`)).text();
    expect(backslash).toContain('name="next" value="/app/monitors"');
  });

  it("ends the session on the server at sign-out: the old cookie no longer works", async () => {
    const session = await signIn();
    expect((await sessionOf(session)).status).toBe(200);
    const out = await postForm("/app/sign-out", session);
    expect(out.status).toBe(303);
    expect((await sessionOf(session)).status).toBe(401);
  });

  it("ends a key's sessions when the key is revoked", async () => {
    const team = await createTeamWithKeys("signin-revoke");
    const session = await signIn(team.read);
    expect((await sessionOf(session)).body).toMatchObject({ scope: "read" });
    expect((await api("DELETE", `/api/v1/keys/${team.readKeyId}`, undefined, bearer(team.write))).status).toBe(204);
    expect((await sessionOf(session)).status).toBe(401);
    expect((await page("/app/team", session)).status).toBe(303);
  });

  it("refuses a sign-out without its CSRF token, and a form sent from another site", async () => {
    const session = await signIn();
    expect((await postForm("/app/sign-out", session, {}, { csrf: false })).status).toBe(403);
    expect((await sessionOf(session)).status).toBe(200);
    const crossSite = await app.request(
      `${ORIGIN}/app/sign-in`,
      {
        method: "POST",
        body: new URLSearchParams({ token: ADMIN_TOKEN }),
        headers: { origin: "https://evil.example" },
        redirect: "manual",
      },
      env,
    );
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("set-cookie")).toBeNull();
  });

  it("lets the admin token's session switch teams, and no key's session", async () => {
    const team = await createTeamWithKeys("signin-switch");
    const admin = await signIn();
    expect(await (await page("/app/switch-team", admin)).text()).toContain(team.id);
    expect((await postForm("/app/switch-team", admin, { team: team.id })).status).toBe(303);
    expect((await sessionOf(admin)).body).toMatchObject({ team_id: team.id, scope: "super" });
    expect((await postForm("/app/switch-team", admin, { team: "team_aaaaaaaaaaaaaaaaaaaaaaaaaa" })).status).toBe(404);
    const keyed = await signIn(team.write);
    expect((await postForm("/app/switch-team", keyed, { team: "team_default" })).status).toBe(403);
  });
});

describe("a form body that cannot be read", () => {
  // Found by the bad-input fuzzer: a multipart content type without a multipart body made the parser throw (500).
  it("is a 400 on sign-in and on a signed-in write, and signs no one in", async () => {
    const malformed = { "content-type": "multipart/form-data; boundary=x" };
    const res = await app.request(`${ORIGIN}/app/sign-in`, { method: "POST", body: "1e309", headers: malformed, redirect: "manual" }, env);
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
    const session = await signIn();
    const write = await app.request(
      `${ORIGIN}/app/monitors/bulk`,
      { method: "POST", body: "--y\r\n", headers: { ...malformed, cookie: session.cookie, origin: ORIGIN }, redirect: "manual" },
      env,
    );
    expect(write.status).toBe(400);
  });
});
