import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { ORIGIN } from "../helpers";

// GET /api/docs as a newcomer reads it: the descriptions' Markdown rendered, a link to the document,
// a curl example to paste for each operation, and the error statuses explained once.

const app = createApp();
let html = "";
let operations = 0;

beforeAll(async () => {
  const res = await app.request(`${ORIGIN}/api/docs`, {}, env);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/html");
  html = await res.text();
  const doc = (await (await app.request(`${ORIGIN}/api/v1/openapi.json`, {}, env)).json()) as { paths: Record<string, object> };
  operations = Object.values(doc.paths).reduce((sum, item) => sum + Object.keys(item).length, 0);
});

/** The curl example of one operation (its summary line starts with the method and path). */
function exampleOf(method: string, path: string): string {
  const start = html.indexOf(`${method}</span> <code>${path}</code>`);
  expect(start, `${method} ${path}`).toBeGreaterThan(-1);
  const example = /<pre class="curl">([^<]*)<\/pre>/.exec(html.slice(start))?.[1] ?? "";
  return example.replaceAll("&#39;", "'").replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">");
}

describe("the docs page", () => {
  it("is one page from the worker itself: no script, no external style", () => {
    expect(html).not.toMatch(/<(script|link)[\s>]/);
  });

  it("renders the descriptions' Markdown, escaped", () => {
    expect(html).toContain("<code>Authorization: Bearer &lt;key&gt;</code>");
    expect(html).not.toContain("`Authorization: Bearer");
    expect(html).toContain("<p>The ping API (/ping) needs no token");
  });

  it("links to the document", () => {
    expect(html).toContain('<a href="/api/v1/openapi.json">');
  });

  it("shows a curl example for every operation, with this server's origin", () => {
    expect(operations).toBeGreaterThan(60);
    expect(html.match(/<pre class="curl">/g)?.length).toBe(operations);
    expect(exampleOf("GET", "/api/v1/monitors")).toBe(`curl -fsS '${ORIGIN}/api/v1/monitors' \\\n  -H "Authorization: Bearer $TOKEN"`);
  });

  it("sends a body as JSON, with its content type and the token", () => {
    const patch = exampleOf("PATCH", "/api/v1/channels/{id}");
    expect(patch).toContain(`curl -fsS -X PATCH '${ORIGIN}/api/v1/channels/<id>'`);
    expect(patch).toContain(`-H "Authorization: Bearer $TOKEN"`);
    expect(patch).toContain("-H 'content-type: application/json'");
    expect(patch).toContain(`-d '{"name":"<name>"}'`);
    const create = exampleOf("POST", "/api/v1/monitors");
    expect(create).toContain(`-d '{"name":"nightly backup","schedule":"0 2 * * *","grace":"30m"}'`);
  });

  it("pings without a token", () => {
    const ping = exampleOf("POST", "/ping/{token}/fail");
    expect(ping).toBe(`curl -fsS -X POST '${ORIGIN}/ping/<token>/fail' \\\n  --data-binary @job-output.log`);
  });

  it("explains each error status once, and lists under each operation only which apply", () => {
    const unauthorized = "Missing, wrong or revoked <code>Authorization: Bearer &lt;ADMIN_TOKEN or team key&gt;</code>.";
    expect(html.split(unauthorized).length - 1).toBe(1);
    expect(html.split("The body is larger than 64 KiB.").length - 1).toBe(1);
    expect(html).toContain('<h2 id="errors">Errors</h2>');
    expect(html).toContain("<code>payload_too_large</code>");
    const start = html.indexOf("DELETE</span> <code>/api/v1/monitors/{id}</code>");
    const op = html.slice(start, html.indexOf("</details>", start));
    expect(op).toContain('<b>Errors</b>: <a href="#errors">401</a> · <a href="#errors">403</a> · <a href="#errors">404</a>');
  });
});
