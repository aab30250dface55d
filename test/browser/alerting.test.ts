import { describe, expect, it } from "vitest";
import { type Receiver, startReceiver, waitFor } from "../e2e/dev-server";
import { AXE_CONTEXT, seriousViolations } from "./axe";
import { useBrowserAndServer } from "./browser";
import { api, createMonitorByApi, createTeam, signedInPage } from "./dashboard";

// A monitor that really goes down under wrangler dev (its Durable Object's alarm, real seconds), seen in
// Chromium: the list's title and counters, the open alert with its delivery to a local webhook receiver,
// and the details page's sentence, event log and timeline.

const run = useBrowserAndServer();

/** Reloads until `check` holds: the alert's delivery is recorded a moment after the receiver answered. */
async function reloadUntil(page: import("playwright-core").Page, check: () => Promise<boolean>, what: string) {
  await waitFor(
    async () => {
      await page.reload();
      return check();
    },
    15_000,
    what,
  );
}

describe("a monitor that goes down", () => {
  it("shows the open alert, its delivery and the timeline once no ping came in time", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser alerting");
    let receiver: Receiver | undefined;
    try {
      receiver = await startReceiver();
      const events = receiver.events;
      const channel = await api(server, team.write, "POST", "/api/v1/channels", { type: "webhook", name: "local hook", url: receiver.url });
      expect(channel.status).toBe(201);
      const monitor = await createMonitorByApi(server, team.write, {
        name: "goes down",
        interval: "1s",
        grace: 0,
        channels: [channel.body.id],
      });
      expect(await (await fetch(monitor.ping_url)).text()).toBe("OK");
      await waitFor(() => events.some((e) => e.body.type === "alert.opened"), 20_000, "the alert.opened webhook");

      const page = await signedInPage(run(), team.write, AXE_CONTEXT);
      await page.goto("/app/monitors");
      expect(await page.title()).toBe("(1 down) Monitors · lubdub");
      expect(await page.locator("link[rel=icon]").getAttribute("href")).toBe("/app/static/favicon-down.svg");
      expect(await page.locator(`#m-${monitor.id} .status`).textContent()).toBe("down");

      await page.getByRole("link", { name: "Alerts" }).click();
      await page.getByRole("heading", { name: "Open (1)" }).waitFor();
      const open = page.locator("tr.alert-open", { hasText: "goes down" });
      expect(await open.textContent()).toContain("No ping in time");
      await reloadUntil(page, async () => (await open.locator(".delivery").textContent()) === "delivered", "the delivery on /app/alerts");
      expect(await open.textContent()).toMatch(/local hook · opened · delivered · 1 attempt · HTTP 200/);
      expect(await seriousViolations(page)).toEqual([]);

      await open.getByRole("link", { name: "goes down" }).click();
      await page.waitForURL(`**/app/monitors/${monitor.id}`);
      expect(await page.locator("#status-sentence").textContent()).toMatch(/^Down since .*, last ping .* \(missed ping\)$/);
      const log = page.locator("#event-log");
      expect(await log.textContent()).toContain("Alert opened (missed)");
      expect(await log.textContent()).toContain("Status: up → down");
      expect(await log.locator("tr", { hasText: "Delivery of alert.opened to local hook" }).textContent()).toContain("delivered");
      // The timeline's text alternative names the down time, and the drawing has a down bar.
      expect(await page.locator("#timeline-title").textContent()).toMatch(/^Status over the last 24 hours: .*down/);
      expect(await page.locator("#timeline rect.tl-down").count()).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      // Stop it alerting while the other files run.
      expect((await api(server, team.write, "POST", `/api/v1/monitors/${monitor.id}/pause`)).status).toBe(200);
    } finally {
      await receiver?.close();
    }
  });
});
