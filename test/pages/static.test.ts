import { describe, expect, it } from "vitest";
import { clientScriptBytes } from "../../src/pages/static";
import { createMonitor, page, signIn } from "../helpers";

/** Every page the dashboard has for a signed-in write session, with the scripts each loads. */
async function pagesAndScripts(): Promise<Map<string, string[]>> {
  const session = await signIn();
  const monitor = await createMonitor({ name: "static-assets" });
  const paths = ["/app/monitors", "/app/monitors/new", `/app/monitors/${monitor.id}`, `/app/monitors/${monitor.id}/edit`];
  paths.push("/app/alerts", "/app/channels", "/app/team", "/app/sign-in");
  const scripts = new Map<string, string[]>();
  for (const path of paths) {
    const response = await page(path, session);
    expect(response.status, path).toBe(200);
    const html = await response.text();
    scripts.set(
      path,
      [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1] ?? ""),
    );
  }
  return scripts;
}

describe("the dashboard's static files", () => {
  it("keep the whole client script under 15 KB (issue 18's budget)", () => {
    expect(clientScriptBytes()).toBeGreaterThan(1000);
    expect(clientScriptBytes()).toBeLessThan(15 * 1024);
  });

  it("serve every script a page loads, as JavaScript, and nothing for a made-up name", async () => {
    const loaded = new Set([...(await pagesAndScripts()).values()].flat());
    expect(loaded.size).toBeGreaterThanOrEqual(3);
    for (const src of loaded) {
      expect(src).toMatch(/^\/app\/static\/[\w-]+\.js$/);
      const response = await page(src);
      expect(response.status, src).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
    for (const name of ["nope.js", "constructor", "__proto__", "toString"])
      expect((await page(`/app/static/${name}`)).status, name).toBe(404);
  });

  it("serve the stylesheet with no inline style needed: no page carries a style attribute or block", async () => {
    const css = await page("/app/static/app.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect((await css.text()).length).toBeGreaterThan(2000);
    const session = await signIn();
    for (const path of ["/app/monitors", "/app/monitors/new", "/app/alerts", "/app/channels", "/app/team"]) {
      const html = await (await page(path, session)).text();
      expect(html, path).not.toMatch(/\sstyle="|<style[\s>]/);
    }
  });
});
