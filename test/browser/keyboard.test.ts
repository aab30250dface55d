import { describe, expect, it } from "vitest";
import { useBrowserAndServer } from "./browser";
import { createMonitorByApi, createTeam } from "./dashboard";

// The dashboard with the keyboard alone, in Chromium: the skip link first, a visible focus ring on what has
// focus, signing in and creating a monitor without a pointer.

const run = useBrowserAndServer();

/** What has focus: its tag, its accessible-ish name, and whether a focus ring is drawn around it. */
const FOCUSED = `(() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return { tag: e.tagName.toLowerCase(), name: (e.getAttribute("aria-label") || e.labels?.[0]?.textContent || e.textContent || "").trim(),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 };
})()`;

interface Focused {
  tag: string;
  name: string;
  ring: boolean;
}

describe("keyboard use", () => {
  it("signs in and creates a monitor with the keyboard alone, every focused control showing its focus ring", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser keyboard");
    await createMonitorByApi(server, team.write, { name: "already here" });
    const page = await run().newPage();
    await page.goto("/app/sign-in");
    const focus = async () => (await page.evaluate(FOCUSED)) as Focused;

    await page.keyboard.press("Tab");
    expect(await focus()).toMatchObject({ tag: "a", name: "Skip to content", ring: true });
    // Tab on to the key field (past the brand link), type the key, Enter submits.
    for (let i = 0; i < 5 && (await focus()).tag !== "input"; i++) await page.keyboard.press("Tab");
    expect((await focus()).name).toContain("API key or admin token");
    expect((await focus()).ring).toBe(true);
    await page.keyboard.type(team.write);
    await Promise.all([page.waitForURL("**/app/monitors"), page.keyboard.press("Enter")]);

    // On the list: the skip link jumps past the navigation, and the next Tab is the page's first control.
    await page.keyboard.press("Tab");
    expect((await focus()).name).toBe("Skip to content");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await focus()).toMatchObject({ name: "New monitor", ring: true });
    await Promise.all([page.waitForURL("**/app/monitors/new"), page.keyboard.press("Enter")]);

    await page.keyboard.press("Tab");
    expect((await focus()).name).toBe("Skip to content");
    await page.keyboard.press("Enter");
    for (let i = 0; i < 5 && (await focus()).name !== "Name"; i++) await page.keyboard.press("Tab");
    expect(await focus()).toMatchObject({ tag: "input", name: "Name", ring: true });
    await page.keyboard.type("typed, not clicked");
    // Enter in a text field submits the form, its other fields left at their defaults.
    await Promise.all([page.waitForURL(/\/app\/monitors\/mon_[a-z2-7]+$/), page.keyboard.press("Enter")]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("typed, not clicked");
  });
});
