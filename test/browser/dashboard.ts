import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { expect } from "vitest";
import { admin } from "../../scripts/harness/admin.mjs";
import type { BrowserRun, Server } from "./browser";

// What the browser tests do through the dashboard, the way a person would (the sign-in form), and the
// fixtures they need from the admin API (a team with its keys).

export interface BrowserTeam {
  id: string;
  write: string;
  read: string;
}

async function createKey(server: Server, teamId: string, scope: "read" | "write"): Promise<string> {
  const key = await admin(server, "POST", `/api/v1/teams/${teamId}/keys`, { name: `${scope} key`, scope });
  if (key.status !== 201) throw new Error(`create key: ${key.status} ${JSON.stringify(key.body)}`);
  return key.body.key;
}

/** A team of the test's own, with a write and a read key. */
export async function createTeam(server: Server, name: string): Promise<BrowserTeam> {
  const team = await admin(server, "POST", "/api/v1/teams", { name });
  if (team.status !== 201) throw new Error(`create team: ${team.status} ${JSON.stringify(team.body)}`);
  return { id: team.body.id, write: await createKey(server, team.body.id, "write"), read: await createKey(server, team.body.id, "read") };
}

/** Types the key into the sign-in page's password field and submits, as a person would; waits to leave the page. */
export async function signInThroughForm(page: Page, token: string, path = "/app/sign-in"): Promise<void> {
  await page.goto(path);
  const field = page.getByLabel("API key or admin token");
  expect(await field.getAttribute("type")).toBe("password");
  await field.fill(token);
  await Promise.all([
    // Signed in once the next page's document has arrived: its "load" (every script and the icon) is for
    // the test that follows to wait on, and under a loaded CI machine it once took past 30 s here.
    page.waitForURL((url) => !url.pathname.startsWith("/app/sign-in"), { waitUntil: "domcontentloaded" }),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

/** A fresh browser context signed in with `token` through the form. */
export async function signedInPage(run: BrowserRun, token: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await run.newPage(options);
  await signInThroughForm(page, token);
  return page;
}

/** The session cookie's header and CSRF token of a signed-in browser, for requests crafted from node. */
export async function sessionOf(context: BrowserContext, server: Server): Promise<{ cookie: string; csrf: string }> {
  const cookies = await context.cookies(server.url);
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const answer = await fetch(`${server.url}/app/session.json`, { headers: { cookie, accept: "application/json" } });
  expect(answer.status).toBe(200);
  const { csrf } = (await answer.json()) as { csrf: string };
  return { cookie, csrf };
}

/** A form POST from node, as a script on another machine would send it with a stolen-looking session. */
export function postForm(server: Server, path: string, cookie: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: server.url },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

/** An API call with a team's key (the fixtures a test needs but does not test): its status and JSON body. */
export async function api(server: Server, key: string, method: string, path: string, body?: unknown) {
  const answer = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await answer.text();
  // biome-ignore lint/suspicious/noExplicitAny: the tests read every shape of the API, as the harness's admin() does.
  return { status: answer.status, body: (text ? JSON.parse(text) : null) as any };
}

/** A monitor created through the API with a team's write key; returns its view (id, ping_url, name…). */
export async function createMonitorByApi(server: Server, key: string, fields: Record<string, unknown>) {
  const schedule = "schedule" in fields ? {} : { interval: "1h" };
  const created = await api(server, key, "POST", "/api/v1/monitors", { ...schedule, grace: "10m", ...fields });
  if (created.status !== 201) throw new Error(`create monitor: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body as { id: string; name: string; ping_url: string; status: string };
}
