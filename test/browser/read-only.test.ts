import { describe, expect, it } from "vitest";
import { useBrowserAndServer } from "./browser";
import { api, createMonitorByApi, createTeam, postForm, sessionOf, signedInPage } from "./dashboard";

// A read key's session in Chromium: the pages offer nothing to change, and the server refuses the changes
// anyway when they are crafted outside the page (from node, with the session's own cookie and CSRF token).

const run = useBrowserAndServer();

describe("a read key's session", () => {
  it("sees no way to change anything, and the server refuses crafted changes with 403", async () => {
    const { server } = run();
    const team = await createTeam(server, "browser read-only");
    const monitor = await createMonitorByApi(server, team.write, { name: "look, don't touch" });
    const page = await signedInPage(run(), team.read);
    await page.goto("/app/monitors");
    expect(await page.locator(".session .chip").textContent()).toBe("read-only");
    expect(await page.getByRole("link", { name: "New monitor" }).count()).toBe(0);
    expect(await page.getByRole("checkbox").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Pause selected" }).count()).toBe(0);
    await page.goto(`/app/monitors/${monitor.id}`);
    expect(await page.getByRole("button", { name: "Pause" }).count()).toBe(0);
    expect(await page.locator("#ping-url").count()).toBe(0);

    const { cookie, csrf } = await sessionOf(page.context(), server);
    const crafted: [string, Record<string, string>][] = [
      ["/app/monitors/bulk", { action: "pause", ids: monitor.id }],
      [`/app/monitors/${monitor.id}/pause`, {}],
      [`/app/monitors/${monitor.id}/delete`, { confirm: "yes" }],
      [`/app/monitors/${monitor.id}`, { name: "renamed", schedule_kind: "interval", interval: "1", interval_unit: "h" }],
      ["/app/monitors", { name: "sneaked in", schedule_kind: "interval", interval: "1", interval_unit: "h" }],
    ];
    for (const [path, fields] of crafted) {
      const answer = await postForm(server, path, cookie, { _csrf: csrf, ...fields });
      expect(answer.status, path).toBe(403);
      expect(await answer.text(), path).toContain("this session is read-only");
    }
    // Nothing changed: the monitor is as it was, and no other appeared.
    const after = await api(server, team.write, "GET", "/api/v1/monitors");
    expect(after.body.data).toHaveLength(1);
    expect(after.body.data[0]).toMatchObject({ id: monitor.id, name: "look, don't touch", status: "new" });
  });
});
