import { describe, expect, it } from "vitest";
import { AXE_CONTEXT, seriousViolations } from "./axe";
import { useBrowserAndServer } from "./browser";
import { api, createMonitorByApi, createTeam, signedInPage } from "./dashboard";

// The monitor form in Chromium, as a person fills it: a mistake first (the server's error next to its
// field), the live schedule preview with its warning for a misread cron, then a monitor saved; and an edit.

const run = useBrowserAndServer();

describe("the monitor form", () => {
  it("shows the server's error next to the field first, previews the cron live, then creates the monitor", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser form");
    const page = await signedInPage(run(), team.write, AXE_CONTEXT);
    await page.goto("/app/monitors");
    await page.getByRole("link", { name: "New monitor" }).click();
    await page.waitForURL("**/app/monitors/new");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("Name", { exact: true }).fill("nightly backup");
    await page.getByLabel("On a cron schedule").check();
    await page.getByLabel("Cron expression").fill("61 * * * *");
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Create monitor" }).click(),
    ]);
    expect(refused.status()).toBe(400);
    expect(await page.getByRole("alert").textContent()).toContain("The monitor was not saved");
    const cron = page.getByLabel("Cron expression");
    expect(await cron.getAttribute("aria-invalid")).toBe("true");
    // The error is read with the field (aria-describedby), and what was typed is still there.
    const describedBy = (await cron.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`#${describedBy.split(" ").pop()}`).textContent()).toMatch(/\S/);
    expect(await cron.inputValue()).toBe("61 * * * *");
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("nightly backup");
    expect(await seriousViolations(page)).toEqual([]);

    // The live preview (the page's script asks the server's schedule code): a misread expression is warned about.
    const preview = page.getByRole("region", { name: "Schedule preview" });
    await cron.fill("* 9 * * *");
    await preview.getByText("every minute from 09:00 to 09:59").first().waitFor({ timeout: 10_000 });
    expect(await preview.locator(".preview-warnings li").count()).toBeGreaterThan(0);
    await cron.fill("30 2 * * *");
    await page.getByRole("group", { name: "Schedule" }).getByLabel("Time zone").fill("Europe/Berlin");
    await preview.getByText("every day at 02:30 (Europe/Berlin)").waitFor({ timeout: 10_000 });
    expect(await preview.locator(".preview-warnings li").count()).toBe(0);
    expect(await preview.locator("table.preview-times tbody tr").count()).toBe(6);
    // Two columns: the monitor's zone and the viewer's (the script sends the browser's own zone).
    expect(await preview.locator("table.preview-times thead th").count()).toBe(2);

    await Promise.all([page.waitForURL(/\/app\/monitors\/mon_[a-z2-7]+$/), page.getByRole("button", { name: "Create monitor" }).click()]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("nightly backup");
    const id = new URL(page.url()).pathname.split("/").pop() ?? "";
    const saved = await api(server, team.write, "GET", `/api/v1/monitors/${id}`);
    expect(saved.body).toMatchObject({ name: "nightly backup", schedule: "30 2 * * *", timezone: "Europe/Berlin" });
  });

  it("edits a monitor: the form comes filled in, and the change is saved", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser edit");
    const monitor = await createMonitorByApi(server, team.write, { name: "before edit", interval: "5m" });
    const page = await signedInPage(run(), team.write, AXE_CONTEXT);
    await page.goto(`/app/monitors/${monitor.id}`);
    await page.getByRole("link", { name: "Edit" }).click();
    await page.waitForURL(`**/app/monitors/${monitor.id}/edit`);
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("before edit");
    expect(await page.getByLabel("Interval", { exact: true }).inputValue()).toBe("5");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Name", { exact: true }).fill("after edit");
    await page.getByLabel("Interval", { exact: true }).fill("10");
    await Promise.all([page.waitForURL(`**/app/monitors/${monitor.id}`), page.getByRole("button", { name: "Save changes" }).click()]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("after edit");
    expect((await api(server, team.write, "GET", `/api/v1/monitors/${monitor.id}`)).body).toMatchObject({
      name: "after edit",
      interval: 600,
    });
  });
});
