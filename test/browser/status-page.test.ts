import { describe, expect, it } from "vitest";
import { AXE_CONTEXT, seriousViolations } from "./axe";
import { useBrowserAndServer } from "./browser";
import { createMonitorByApi, createTeam, signedInPage } from "./dashboard";

// The public status page in Chromium: turned on from the team page for one tag, then opened by its link
// in a browser with no session at all. It shows the tag's monitors and their status, and nothing secret.

const run = useBrowserAndServer();

describe("the public status page", () => {
  it("is turned on for a tag on the team page and shows that tag's monitors, without a session or any ping URL", async () => {
    const { server } = run();
    const team = await createTeam(server, "Browser Status Co");
    const shown = await createMonitorByApi(server, team.write, { name: "public api", tags: ["public"] });
    const hidden = await createMonitorByApi(server, team.write, { name: "internal job", tags: ["internal"] });
    expect(await (await fetch(shown.ping_url)).text()).toBe("OK");

    const page = await signedInPage(run(), team.write);
    await page.goto("/app/team");
    await page.getByRole("region", { name: "Public status page" }).getByText("Off.").waitFor();
    await page.getByRole("textbox", { name: /^Tag/ }).fill("public");
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Turn on status page" }).click()]);
    const link = page.getByRole("region", { name: "Public status page" }).getByRole("link", { name: /\/status\/[0-9a-f]{32}$/ });
    const url = (await link.getAttribute("href")) ?? "";
    expect(url).toMatch(new RegExp(`^${server.url}/status/[0-9a-f]{32}$`));

    // Anyone with the URL: a fresh browser context, no cookie.
    const visitor = await run().newPage(AXE_CONTEXT);
    const answer = await visitor.goto(url);
    expect(answer?.status()).toBe(200);
    expect((await answer?.allHeaders())?.["content-security-policy"]).toContain("default-src 'none'");
    expect(await visitor.getByRole("heading", { level: 1 }).textContent()).toBe("Browser Status Co");
    const monitors = visitor.locator("li.monitor");
    expect(await monitors.count()).toBe(1);
    expect(await monitors.first().textContent()).toMatch(/public api.*Up/);
    expect(await visitor.getByRole("img", { name: /^Last 90 days: / }).count()).toBe(1);
    const html = await visitor.content();
    expect(html).not.toContain(hidden.name);
    expect(html).not.toContain("/ping/");
    expect(html).not.toContain(shown.ping_url.split("/").pop());
    expect(await seriousViolations(visitor)).toEqual([]);
    // It refreshes itself every minute, and the reader can stop that (WCAG 2.2.1); the choice survives a reload.
    const refresh = visitor.getByRole("checkbox", { name: "Refresh every minute" });
    expect(await refresh.isChecked()).toBe(true);
    await refresh.uncheck();
    await visitor.reload();
    expect(await visitor.getByRole("checkbox", { name: "Refresh every minute" }).isChecked()).toBe(false);
  });
});
