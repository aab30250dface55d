import { describe, expect, it } from "vitest";
import { startReceiver } from "../e2e/dev-server";
import { AXE_CONTEXT, seriousViolations } from "./axe";
import { useBrowserAndServer } from "./browser";
import { api, createTeam, signedInPage } from "./dashboard";

// Channels in Chromium: a webhook channel created through the form generated from the channel registry,
// then a test message sent from its page, the receiver's answer shown.

const run = useBrowserAndServer();

describe("channels", () => {
  it("creates a webhook channel through its form and shows the receiver's answer to a test message", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser channels");
    const receiver = await startReceiver();
    try {
      const page = await signedInPage(run(), team.write, AXE_CONTEXT);
      await page.goto("/app/channels/new");
      await page.getByRole("navigation", { name: "Channel kinds" }).getByRole("link", { name: "webhook", exact: true }).click();
      await page.getByRole("heading", { name: "A new webhook channel" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel("Name", { exact: true }).fill("browser hook");
      await page.getByLabel(/^URL/).fill(receiver.url);
      await page.getByRole("button", { name: "Create channel" }).click();
      await page.getByRole("heading", { level: 1, name: /browser hook/ }).waitFor();
      const channels = await api(server, team.write, "GET", "/api/v1/channels");
      expect(channels.body.data).toMatchObject([{ name: "browser hook", type: "webhook" }]);

      await page.getByRole("button", { name: "Send test" }).click();
      const result = page.getByRole("status").filter({ hasText: "Test message" });
      expect(await result.textContent()).toContain("Test message delivered: the receiver answered HTTP 200");
      expect(receiver.events.filter((e) => e.body.test === true)).toHaveLength(1);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
