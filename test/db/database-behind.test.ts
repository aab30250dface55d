import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, page, signIn } from "../helpers";

// A Worker deployed without its migrations (its D1 lacks a table or column this release reads) tells the
// client which command fixes it: 503 `database_behind`, never a 500. In a file of its own: it breaks the
// file's database on purpose (storage is per file).

const FIX = "npx wrangler d1 migrations apply DB --remote";

async function expectBehind(method: string, path: string, body?: unknown): Promise<void> {
  const response = await api(method, path, body);
  expect(response.status).toBe(503);
  expect(response.body.error.code).toBe("database_behind");
  expect(response.body.error.message).toContain(FIX);
  expect(response.body.error.message).toContain("npm run dev");
}

describe("a database behind the code", () => {
  it("a missing column (the last migration not applied): the API and the dashboard answer 503 naming the command", async () => {
    const session = await signIn();
    expect((await api("GET", "/api/v1/monitors")).status).toBe(200);
    // Undo 0012's column on monitors, as if this release were deployed on a database at 0011.
    await env.DB.prepare("DROP INDEX monitors_by_team_change").run();
    await env.DB.prepare("ALTER TABLE monitors DROP COLUMN changed_at").run();

    await expectBehind("GET", "/api/v1/monitors");
    await expectBehind("POST", "/api/v1/monitors", { name: "backup", slug: "backup", interval: 60 });
    const html = await page("/app/monitors", session);
    expect(html.status).toBe(503);
    const text = await html.text();
    expect(text).toContain("database_behind");
    expect(text).toContain(FIX);
  });

  it("a missing table (no migrations applied): 503 with the command", async () => {
    await env.DB.prepare("DROP TABLE monitors").run();
    await expectBehind("GET", "/api/v1/monitors");
    await expectBehind("POST", "/api/v1/monitors", { name: "backup", slug: "backup", interval: 60 });
  });
});
