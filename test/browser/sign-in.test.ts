import { describe, expect, it } from "vitest";
import { AXE_CONTEXT, seriousViolations } from "./axe";
import { useBrowserAndServer } from "./browser";
import { createTeam, sessionOf, signInThroughForm } from "./dashboard";

// Signing in, in real Chromium: the password field, the wrong key's message, the cookie the browser
// keeps, the admin token's team picker, and signing out.

const run = useBrowserAndServer();

describe("signing in to the dashboard", () => {
  it("refuses a wrong key with a message, then signs in with a write key into an HttpOnly, SameSite=Strict cookie", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser sign-in");
    const page = await run().newPage(AXE_CONTEXT);
    await page.goto("/app/monitors");
    expect(new URL(page.url()).pathname).toBe("/app/sign-in");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("API key or admin token").fill("lbd_not_a_key");
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await page.getByRole("alert").textContent()).toContain("That is not a live API key nor the admin token.");
    expect(await seriousViolations(page)).toEqual([]);

    await signInThroughForm(page, team.write, "/app/sign-in?next=%2Fapp%2Fmonitors");
    expect(new URL(page.url()).pathname).toBe("/app/monitors");
    const [cookie] = await page.context().cookies(server.url);
    expect(cookie).toMatchObject({ name: "lubdub_session", httpOnly: true, sameSite: "Strict", secure: false });
    // The browser's scripts cannot read it (HttpOnly), whatever runs in the page.
    expect(await page.evaluate("document.cookie")).not.toContain("lubdub_session");
    const session = await fetch(`${server.url}/app/session.json`, { headers: { cookie: `${cookie?.name}=${cookie?.value}` } });
    expect(await session.json()).toMatchObject({ team_id: team.id, scope: "write" });
  });

  it("signs in with the admin token, picks a team, and signs out (the session ends on the server)", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser picker");
    const page = await run().newPage(AXE_CONTEXT);
    await signInThroughForm(page, server.token);
    await page.goto("/app/switch-team");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Team").selectOption(team.id);
    await Promise.all([page.waitForURL("**/app/monitors"), page.getByRole("button", { name: "Switch" }).click()]);
    const before = await sessionOf(page.context(), server);
    const picked = await fetch(`${server.url}/app/session.json`, { headers: { cookie: before.cookie } });
    expect(await picked.json()).toMatchObject({ team_id: team.id, scope: "super" });

    await page.goto("/app/switch-team");
    await Promise.all([page.waitForURL("**/app/sign-in"), page.getByRole("button", { name: "Sign out" }).click()]);
    // The old cookie, replayed from node, no longer opens anything: the row is gone, not only the cookie.
    const replayed = await fetch(`${server.url}/app/session.json`, { headers: { cookie: before.cookie, accept: "application/json" } });
    expect(replayed.status).toBe(401);
  });
});
