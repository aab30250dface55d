import { describe, expect, it } from "vitest";
import { AXE_CONTEXT } from "./axe";
import { useBrowserAndServer } from "./browser";
import { createTeam, sessionOf, signInThroughForm } from "./dashboard";

// What the server and the browser refuse, seen from a real browser: the Content-Security-Policy (a script
// without the response's nonce does not run, an injected inline handler neither), a form sent without its
// CSRF token, and a read key's session trying to change something with a request crafted outside the page.

const run = useBrowserAndServer();

/** Injects a script that sets `window.<flag>`, and an element whose inline handler would set `window.<flag>Handler`. */
async function injectScripts(page: import("playwright-core").Page, flag: string): Promise<{ script: unknown; handler: unknown }> {
  // addScriptTag rejects when the browser refuses to run the script; what counts is whether it ran.
  await page.addScriptTag({ content: `window.${flag} = true;` }).catch(() => undefined);
  await page.evaluate(`document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.${flag}Handler = true">')`);
  await page.waitForTimeout(200);
  return { script: await page.evaluate(`window.${flag}`), handler: await page.evaluate(`window.${flag}Handler`) };
}

describe("the dashboard's defences in Chromium", () => {
  it("sends a strict nonce CSP, fresh on every page, and runs no script without the nonce", async () => {
    const page = await run().newPage();
    const policies: string[] = [];
    for (let i = 0; i < 2; i++) {
      const answer = await page.goto("/app/sign-in");
      policies.push((await answer?.allHeaders())?.["content-security-policy"] ?? "");
    }
    for (const policy of policies) {
      expect(policy).toMatch(/script-src 'nonce-[A-Za-z0-9]{16,}'(;|$)/);
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
    }
    expect(policies[0]).not.toBe(policies[1]);
    const violations: string[] = [];
    page.on("console", (message) => violations.push(message.text()));
    expect(await injectScripts(page, "injected")).toEqual({ script: undefined, handler: undefined });
    expect(violations.join("\n")).toContain("Content Security Policy");
  });

  it("(the control) the same injection runs where the CSP is bypassed, so the test above can fail", async () => {
    const page = await run().newPage(AXE_CONTEXT);
    await page.goto("/app/sign-in");
    expect(await injectScripts(page, "injected")).toEqual({ script: true, handler: true });
  });

  it("refuses a form the browser sends without its CSRF token, and the session stays on its team", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser csrf");
    const page = await run().newPage();
    await signInThroughForm(page, server.token);
    const { cookie } = await sessionOf(page.context(), server);
    const teamBefore = ((await (await fetch(`${server.url}/app/session.json`, { headers: { cookie } })).json()) as { team_id: string })
      .team_id;
    await page.goto("/app/switch-team");
    await page.getByLabel("Team").selectOption(team.id);
    await page.evaluate(`document.querySelector('main form input[name="_csrf"]').remove()`);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Switch" }).click(),
    ]);
    expect(answer.status()).toBe(403);
    expect(await page.textContent("body")).toContain("this form has expired or did not come from this dashboard");
    const after = (await (await fetch(`${server.url}/app/session.json`, { headers: { cookie } })).json()) as { team_id: string };
    expect(after.team_id).toBe(teamBefore);
  });
});
