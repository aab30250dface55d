import { statSync } from "node:fs";
import type { BrowserContextOptions, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { AXE_CONTEXT, seriousViolations } from "./axe";
import { DARK, PHONE, screenshot, useBrowserAndServer } from "./browser";
import { api, type BrowserTeam, createMonitorByApi, createTeam, signInThroughForm } from "./dashboard";

// Every dashboard page in Chromium, with a team that has something to show (monitors up, new, paused and
// down, an open alert): axe finds no serious or critical violation in the light theme nor in the dark one
// (contrast differs), nothing scrolls sideways at phone width, and each main page is photographed at phone
// width and in the dark theme (test-artifacts/screenshots/).

const run = useBrowserAndServer();

interface Fixture {
  team: BrowserTeam;
  monitorId: string;
  channelId: string;
  statusPage: string;
}
let fixture: Fixture | undefined;
const the = (): Fixture => {
  if (!fixture) throw new Error("the fixture was not built (see beforeAll's error)");
  return fixture;
};

beforeAll(async () => {
  const { server } = run();
  const team = await createTeam(server, "Acme Ops");
  const backup = await createMonitorByApi(server, team.write, {
    name: "nightly backup",
    schedule: "30 2 * * *",
    timezone: "Europe/Berlin",
    tags: ["prod", "backup"],
  });
  const api1 = await createMonitorByApi(server, team.write, { name: "api heartbeat", interval: "1m", grace: "30s", tags: ["prod"] });
  const billing = await createMonitorByApi(server, team.write, { name: "billing export", interval: "1h", tags: ["prod"] });
  await createMonitorByApi(server, team.write, { name: "never pinged yet", interval: "1d" });
  const report = await createMonitorByApi(server, team.write, { name: "weekly report", schedule: "0 6 * * 1", tags: ["reports"] });
  await fetch(backup.ping_url, { method: "POST", body: "backup done: 4.2 GB" });
  await fetch(api1.ping_url);
  // A failure ping: down at once, with an open alert (no channel: no delivery to wait for).
  await fetch(`${billing.ping_url}/fail`, { method: "POST", body: "export failed: disk full" });
  await api(server, team.write, "POST", `/api/v1/monitors/${report.id}/pause`);
  const patched = await api(server, team.write, "PATCH", "/api/v1/team", { status_page: { tag: "prod" } });
  // Made last, so no monitor sends to it (nothing listens at this address).
  const channel = await api(server, team.write, "POST", "/api/v1/channels", {
    type: "webhook",
    name: "ops hook",
    url: "http://127.0.0.1:9/hook",
  });
  fixture = { team, monitorId: backup.id, channelId: channel.body.id, statusPage: new URL(patched.body.status_page.url).pathname };
}, 60_000);

/** The pages: name (for the screenshots), path, and whether it is one of the main pages photographed. */
const pages = (): [string, string, boolean][] => [
  ["sign-in", "/app/sign-in", true],
  ["monitors", "/app/monitors", true],
  ["monitors-filtered", "/app/monitors?status=down", false],
  ["new-monitor", "/app/monitors/new", true],
  ["details", `/app/monitors/${the().monitorId}`, true],
  ["edit-monitor", `/app/monitors/${the().monitorId}/edit`, false],
  ["delete-monitor", `/app/monitors/${the().monitorId}/delete`, false],
  ["alerts", "/app/alerts", true],
  ["team", "/app/team", true],
  ["channels", "/app/channels", true],
  ["new-channel", "/app/channels/new?type=webhook", false],
  ["channel", `/app/channels/${the().channelId}`, false],
  ["status-page", the().statusPage, true],
];

/**
 * The innermost elements reaching past `width`, to say what overflows. Content inside a scrolling box (a
 * wide table in its .table-wrap) is left out: it reaches past the edge but scrolls in its box, not the page.
 */
const WIDEST = `(width) => {
  const clipped = (e) => { for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true; return false; };
  const past = (e) => e.getBoundingClientRect().right > width && !clipped(e);
  return [...document.querySelectorAll("body *")].filter((e) => past(e) && ![...e.children].some(past)).slice(0, 3)
    .map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + " " + JSON.stringify((e.textContent || "").trim().slice(0, 50))).join("; ");
}`;
const widest = async (page: Page, width: number) => page.evaluate(`(${WIDEST})(${width})`);

/** Visits every page in one signed-in browser context, calling `check` on each. */
async function visitEach(options: BrowserContextOptions, check: (page: Page, name: string, main: boolean) => Promise<void>) {
  const page = await run().newPage(options);
  await signInThroughForm(page, the().team.write);
  for (const [name, path, main] of pages()) {
    const answer = await page.goto(path);
    expect(answer?.status(), path).toBe(200);
    await check(page, name, main);
  }
  await page.context().close();
}

describe("every page", () => {
  it.each([
    ["light", {}],
    ["dark", DARK],
  ])("has no serious or critical accessibility violation (%s theme)", async (_theme, theme) => {
    const found: string[] = [];
    await visitEach({ ...AXE_CONTEXT, ...theme }, async (page, name) => {
      for (const line of await seriousViolations(page)) found.push(`${name}: ${line}`);
    });
    expect(found).toEqual([]);
  });

  it.each([
    ["phone", PHONE],
    ["dark", DARK],
  ])("is photographed (%s), and fits a phone's width", async (variant, options) => {
    const wide: string[] = [];
    await visitEach(options, async (page, name, main) => {
      const width = Number(await page.evaluate("document.documentElement.scrollWidth"));
      if (options.viewport && width > options.viewport.width)
        wide.push(`${name}: ${width}px, ${await widest(page, options.viewport.width)}`);
      if (main) expect(statSync(await screenshot(page, `${name}-${variant}`)).size).toBeGreaterThan(1000);
    });
    expect(wide).toEqual([]);
  });
});
