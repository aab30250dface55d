import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { ORIGIN } from "../helpers";

// `GET /` (src/routes/home.ts): until the dashboard exists, it says where to read on, and stays a health check.

const app = createApp();
const get = (accept: string | null, method = "GET") =>
  app.request(`${ORIGIN}/`, { method, headers: accept === null ? {} : { accept } }, env);

describe("GET /", () => {
  it.each([null, "*/*", "application/json"])("answers JSON with status ok and where the docs are (Accept: %s)", async (accept) => {
    const res = await get(accept);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      name: "lubdub",
      status: "ok",
      docs: `${ORIGIN}/api/docs`,
      openapi: `${ORIGIN}/api/v1/openapi.json`,
      readme: "README.md, at the root of lubdub's repository",
    });
  });

  it("links the docs pages that exist", async () => {
    const { docs, openapi } = await (await get("application/json")).json<{ docs: string; openapi: string }>();
    for (const url of [docs, openapi]) expect((await app.request(url, {}, env)).status, url).toBe(200);
  });

  it("gives a browser a page of links to the API docs, the OpenAPI document and the README", async () => {
    const res = await get("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("vary")).toBe("Accept");
    const html = await res.text();
    expect(html).toContain(`<a href="${ORIGIN}/api/docs">API docs</a>`);
    expect(html).toContain(`<a href="${ORIGIN}/api/v1/openapi.json">OpenAPI document</a>`);
    expect(html).toContain("README.md");
  });

  it("answers HEAD, as uptime checkers send it", async () => {
    const res = await get(null, "HEAD");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});
