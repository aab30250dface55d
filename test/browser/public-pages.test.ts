import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AXE_CONTEXT, seriousViolations } from "./axe";
import { DARK, PHONE, screenshot, useBrowserAndServer } from "./browser";

// The pages anyone can open without signing in, in real Chromium: they load, axe finds nothing serious,
// and they are photographed at phone width and in the dark theme.

const run = useBrowserAndServer();

describe("the home page and the API docs in Chromium", () => {
  it("/ shows what lubdub is and links to the docs, with no serious accessibility violation", async () => {
    const page = await run().newPage(AXE_CONTEXT);
    const answer = await page.goto("/");
    expect(answer?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "lubdub" }).isVisible()).resolves.toBe(true);
    expect(await page.getByRole("link", { name: "API docs" }).getAttribute("href")).toBe(`${run().server.url}/api/docs`);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("/api/docs opens an operation on click and has no serious accessibility violation", async () => {
    const page = await run().newPage(AXE_CONTEXT);
    expect((await page.goto("/api/docs"))?.status()).toBe(200);
    const create = page.locator("details.op", { hasText: "POST /api/v1/monitors Create" }).first();
    await create.locator("summary").click();
    expect(await create.getAttribute("open")).toBe("");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the accessibility check finds a violation where there is one (an image without alt, an unlabelled input)", async () => {
    const page = await run().newPage(AXE_CONTEXT);
    await page.goto("/");
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><img src="/x.png"><input type="text"></main></html>');
    const found = await seriousViolations(page);
    expect(found.map((line) => line.split(":")[0])).toEqual(expect.arrayContaining(["critical image-alt", "critical label"]));
  });

  it.each([
    ["phone", PHONE],
    ["dark", DARK],
  ])("screenshots / and /api/docs (%s)", async (name, options) => {
    const page = await run().newPage(options);
    await page.goto("/");
    const home = await screenshot(page, `home-${name}`);
    await page.goto("/api/docs");
    const docs = await screenshot(page, `api-docs-${name}`, { fullPage: false });
    // At phone width nothing may scroll sideways (the layout fits the viewport).
    if (options.viewport) expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    for (const path of [home, docs]) expect(statSync(path).size).toBeGreaterThan(1000);
  });
});
