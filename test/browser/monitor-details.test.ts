import { describe, expect, it } from "vitest";
import { AXE_CONTEXT, seriousViolations } from "./axe";
import { useBrowserAndServer } from "./browser";
import { api, createMonitorByApi, createTeam, signedInPage } from "./dashboard";

// A monitor's details page in Chromium: the ping URL's copy button (the real clipboard), pause and
// resume, deleting it after ticking the confirmation, and a ping from outside shown without a reload.

const run = useBrowserAndServer();

describe("a monitor's details page", () => {
  it("shows a ping sent from node in its status and event log without reloading", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser live details");
    const monitor = await createMonitorByApi(server, team.write, { name: "live details" });
    // AXE_CONTEXT bypasses the CSP for the test's own evaluations (waitForFunction); the page's scripts are the same.
    const page = await signedInPage(run(), team.write, AXE_CONTEXT);
    await page.goto(`/app/monitors/${monitor.id}`);
    expect(await page.locator("#status-sentence").textContent()).toContain("Never pinged");
    // A mark in the page's own memory: a reload would lose it.
    await page.evaluate("window.__sameDocument = true");

    expect(await (await fetch(monitor.ping_url, { method: "POST", body: "nightly run ok" })).text()).toBe("OK");
    // Moving the pointer makes the page poll every 5 s for a minute, as the list does.
    await page.mouse.move(10, 10);
    await page.mouse.move(200, 200);
    await page.waitForFunction(`document.querySelector("#status-sentence")?.textContent.startsWith("Up since")`, undefined, {
      timeout: 20_000,
    });
    expect(await page.locator("#details-title .status").textContent()).toBe("up");
    expect(await page.locator("#event-log").textContent()).toContain("nightly run ok");
    expect(await page.evaluate("window.__sameDocument")).toBe(true);
  });

  it("copies the ping URL to the clipboard with its button", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser copy");
    const monitor = await createMonitorByApi(server, team.write, { name: "copy me", slug: "copy-me" });
    const page = await signedInPage(run(), team.write, { ...AXE_CONTEXT, permissions: ["clipboard-read", "clipboard-write"] });
    await page.goto(`/app/monitors/${monitor.id}`);
    expect(await page.locator("#ping-url").textContent()).toBe(monitor.ping_url);
    expect(await seriousViolations(page)).toEqual([]);
    const copy = page.getByRole("button", { name: "Copy the ping url" });
    await copy.click();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(monitor.ping_url);
    // The accessible name follows the visible word, so axe finds no mismatch while it says "Copied".
    const copied = page.getByRole("button", { name: "Copied the ping url" });
    expect(await copied.textContent()).toBe("Copied");
    expect(await seriousViolations(page)).toEqual([]);
    // The pasted URL works: a ping to it is taken.
    expect(await (await fetch(String(await page.evaluate("navigator.clipboard.readText()")))).text()).toBe("OK");
  });

  it("pauses and resumes from its buttons, then deletes it once the box is ticked", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser delete");
    const monitor = await createMonitorByApi(server, team.write, { name: "short-lived" });
    const page = await signedInPage(run(), team.write, AXE_CONTEXT);
    await page.goto(`/app/monitors/${monitor.id}`);
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Pause" }).click()]);
    await page.getByRole("button", { name: "Resume" }).waitFor();
    expect((await api(server, team.write, "GET", `/api/v1/monitors/${monitor.id}`)).body.status).toBe("paused");
    await page.getByRole("button", { name: "Resume" }).click();
    await page.getByRole("button", { name: "Pause" }).waitFor();

    await page.getByRole("link", { name: "Delete…" }).click();
    await page.getByRole("heading", { name: "Delete short-lived?" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Delete monitor" }).click();
    // The box is required: the browser kept the form; nothing was deleted.
    expect(new URL(page.url()).pathname).toBe(`/app/monitors/${monitor.id}/delete`);
    expect((await api(server, team.write, "GET", `/api/v1/monitors/${monitor.id}`)).status).toBe(200);
    await page.getByLabel(/Yes, delete/).check();
    await Promise.all([page.waitForURL("**/app/monitors"), page.getByRole("button", { name: "Delete monitor" }).click()]);
    expect(await page.locator(`#m-${monitor.id}`).count()).toBe(0);
    expect((await api(server, team.write, "GET", `/api/v1/monitors/${monitor.id}`)).status).toBe(404);
    expect((await fetch(monitor.ping_url)).status).toBe(404);
  });
});
