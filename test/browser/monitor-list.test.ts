import { describe, expect, it } from "vitest";
import { AXE_CONTEXT, seriousViolations } from "./axe";
import { useBrowserAndServer } from "./browser";
import { api, createMonitorByApi, createTeam, signedInPage } from "./dashboard";

// The monitors list in Chromium: a ping sent from outside turns up without a reload (the refresh poll),
// and the bulk actions (pause; delete after its confirmation).

const run = useBrowserAndServer();

describe("the monitors list", () => {
  it("shows a ping sent with fetch from node without reloading the page", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser live list");
    const monitor = await createMonitorByApi(server, team.write, { name: "live one" });
    const page = await signedInPage(run(), team.write, AXE_CONTEXT);
    await page.goto("/app/monitors");
    const row = page.locator(`#m-${monitor.id}`);
    expect(await row.getAttribute("data-status")).toBe("new");
    expect(await row.locator(".last-ping").textContent()).toContain("never pinged");
    expect(await seriousViolations(page)).toEqual([]);
    // A mark in the page's own memory: a reload would lose it.
    await page.evaluate("window.__sameDocument = true");

    const ping = await fetch(monitor.ping_url, { method: "POST", body: "done" });
    expect(await ping.text()).toBe("OK");
    // Moving the pointer makes the page poll every 5 s for a minute (as healthchecks.io does).
    await page.mouse.move(10, 10);
    await page.mouse.move(200, 200);
    await page.waitForFunction(`document.querySelector("#m-${monitor.id}")?.dataset.status === "up"`, undefined, { timeout: 20_000 });
    expect(await row.locator(".last-ping").textContent()).toContain("just now");
    expect(await page.locator("#count-up .count").textContent()).toBe("1");
    expect(await page.evaluate("window.__sameDocument")).toBe(true);
  });

  it("pauses two monitors at once, and deletes one after its confirmation page", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser bulk");
    const [first, second, third] = await Promise.all(
      ["bulk one", "bulk two", "bulk three"].map((name) => createMonitorByApi(server, team.write, { name })),
    );
    if (!first || !second || !third) throw new Error("three monitors");
    const page = await signedInPage(run(), team.write);
    await page.goto("/app/monitors");
    await page.getByLabel("Select bulk one").check();
    await page.getByLabel("Select bulk two").check();
    await Promise.all([page.waitForURL(/done=pause/), page.getByRole("button", { name: "Pause selected" }).click()]);
    expect(await page.getByRole("status").textContent()).toContain("Paused 2 of 2 monitors.");
    expect(await page.locator(`#m-${first.id}`).getAttribute("data-status")).toBe("paused");
    expect(await page.locator(`#m-${second.id}`).getAttribute("data-status")).toBe("paused");
    expect(await page.locator(`#m-${third.id}`).getAttribute("data-status")).toBe("new");
    expect((await api(server, team.write, "GET", `/api/v1/monitors/${first.id}`)).body.status).toBe("paused");

    await page.getByLabel("Select bulk three").check();
    await page.getByRole("button", { name: "Delete selected…" }).click();
    // Nothing is deleted before the confirmation.
    await page.getByRole("heading", { name: "Delete this monitor?" }).waitFor();
    expect((await api(server, team.write, "GET", `/api/v1/monitors/${third.id}`)).status).toBe(200);
    expect(await page.locator("#delete-list").textContent()).toContain("bulk three");
    await Promise.all([page.waitForURL(/done=delete/), page.getByRole("button", { name: "Delete 1 monitor" }).click()]);
    expect(await page.getByRole("status").textContent()).toContain("Deleted 1 of 1 monitor.");
    expect(await page.locator(`#m-${third.id}`).count()).toBe(0);
    expect((await api(server, team.write, "GET", `/api/v1/monitors/${third.id}`)).status).toBe(404);
  });
});
