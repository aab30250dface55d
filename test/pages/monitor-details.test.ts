import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { monitorDetailsRoutes } from "../../src/pages/monitor-details";
import {
  advanceTo,
  api,
  createMonitor,
  interceptFetch,
  M,
  page,
  pingAt,
  postForm,
  S,
  setNow,
  settle,
  signIn,
  status,
  T0,
  useFakeClock,
  watchedWebhook,
} from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";

useFakeClock(T0);

const html = async (path: string, session: Awaited<ReturnType<typeof signIn>>) => {
  const response = await page(path, session);
  return { status: response.status, text: await response.text(), headers: response.headers };
};

/** A monitor of a new team, created with its write key, and sessions for both of its keys. */
async function teamMonitor(name: string) {
  const team = await createTeamWithKeys(name);
  const created = await api("POST", "/api/v1/monitors", { name: "nightly", interval: 60, grace: 0 }, bearer(team.write));
  expect(created.status).toBe(201);
  const monitor = created.body as { id: string };
  const statusNow = async () => (await api("GET", `/api/v1/monitors/${monitor.id}`, undefined, bearer(team.write))).body.status;
  return { team, monitor, statusNow, writer: await signIn(team.write), reader: await signIn(team.read) };
}

describe("the monitor details page", () => {
  it("says a never-pinged monitor was never pinged, with its ping URL, copy button and snippets", async () => {
    const monitor = await createMonitor({ name: "fresh", slug: "fresh" });
    const { status: code, text, headers } = await html(`/app/monitors/${monitor.id}`, await signIn());
    expect(code).toBe(200);
    expect(headers.get("content-security-policy")).toContain("script-src 'nonce-");
    expect(text).toContain("Never pinged: waiting for its first ping");
    expect(text).toMatch(new RegExp(`<code class="url" id="ping-url">${monitor.ping_url}</code>`));
    expect(text).toContain('data-copy="ping-url"');
    expect(text).toMatch(/id="slug-url">http:\/\/lubdub\.test\/ping\/[0-9a-f]{32}\/fresh</);
    expect(text).toContain(`curl -fsS -m 10 --retry 5 -o /dev/null &#39;${monitor.ping_url}&#39;`);
    expect(text).not.toContain("style=");
  });

  it("after a ping and a missed deadline: down, the open alert and its delivery in the event log, the down segment in the timeline", async () => {
    const receiver = interceptFetch(() => new Response("ok", { status: 200 }));
    const { monitor } = await watchedWebhook();
    await advanceTo(monitor.id, T0 + 61 * S);
    await advanceTo(monitor.id, T0 + 5 * M);
    expect(receiver.captured.length).toBeGreaterThan(0);
    const { text } = await html(`/app/monitors/${monitor.id}`, await signIn());
    expect(text).toMatch(/Down since [0-9:]+ UTC, last ping 5 min ago \(missed ping\)/);
    const log = text.slice(text.indexOf('id="event-log"'));
    expect(log).toContain("Alert opened (missed)");
    expect(log).toContain("Delivery of alert.opened to hook");
    expect(log).toContain("delivered (HTTP 200)");
    expect(log).toContain("Status: up → down");
    expect(log).toContain("Ping: success");
    expect(text).toMatch(/<li>down from 2100-01-01 00:01:01 to 2100-01-01 00:05 \(3 min 59 s\)<\/li>/);
    expect(text).toContain('class="tl tl-down"');
  });

  it("a run: running while it lasts, then its duration charted and its body in the log, escaped", async () => {
    const monitor = await createMonitor({ name: "etl", interval: 3600 });
    const session = await signIn();
    await pingAt(T0, monitor, "/start");
    setNow(T0 + 2 * M);
    expect((await html(`/app/monitors/${monitor.id}`, session)).text).toContain("Running, started 2 min ago");
    const body = `<script>alert(1)</script> done ${"x".repeat(1000)}`;
    await pingAt(T0 + 2 * M + 5 * S, monitor, "", "POST", body);
    const { text } = await html(`/app/monitors/${monitor.id}`, session);
    expect(text).toContain("1 run: median 2 min 5 s, longest 2 min 5 s (2100-01-01 00:02)");
    expect(text).toMatch(/<rect class="bar bar-ok"/);
    expect(text).toContain("Body (1031 bytes)");
    expect(text).toContain("&lt;script&gt;alert(1)&lt;/script&gt; done");
    expect(text).not.toContain("<script>alert(1)");
    expect(text).not.toContain("x".repeat(500)); // an excerpt inline, the whole body one link away
    const link = /<a href="([^"]+\/body)">The whole body<\/a>/.exec(text)?.[1] ?? "";
    const whole = await page(link, session);
    expect(whole.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await whole.text()).toBe(body);
    expect((await page(`/app/monitors/${monitor.id}/pings/999/body`, session)).status).toBe(404);
  });

  it("the time-zone switch writes the event log's times in the zone asked for", async () => {
    const monitor = await createMonitor({ schedule: "0 3 * * *", timezone: "Asia/Tokyo" });
    await api("POST", `/api/v1/monitors/${monitor.id}/pause`);
    await settle(monitor.id);
    const session = await signIn();
    const utc = await html(`/app/monitors/${monitor.id}`, session);
    expect(utc.text).toContain("Time (UTC)");
    expect(utc.text).toContain(`href="/app/monitors/${monitor.id}?range=24h&amp;tz=Asia%2FTokyo#events"`);
    const tokyo = await html(`/app/monitors/${monitor.id}?tz=Asia/Tokyo&range=7d`, session);
    expect(tokyo.text).toContain("Time (Asia/Tokyo)");
    expect(tokyo.text).toContain("2100-01-01 09:00:00"); // the pause, at 00:00 UTC
    expect(tokyo.text).toContain('data-range="7d"');
    const unknown = await html(`/app/monitors/${monitor.id}?tz=Mars/Olympus&range=1y`, session);
    expect(unknown.text).toContain("Time (UTC)");
    expect(unknown.text).toContain('data-range="24h"');
  });

  it("pauses and resumes through the forms; a read-key session sees no buttons and its POST is refused", async () => {
    const { monitor, writer, reader, statusNow } = await teamMonitor("details-pause");
    const readPage = await html(`/app/monitors/${monitor.id}`, reader);
    expect(readPage.status).toBe(200);
    expect(readPage.text).not.toContain('id="pause-monitor"');
    expect(readPage.text).not.toContain('id="ping-url"');
    const refused = await postForm(`/app/monitors/${monitor.id}/pause`, reader);
    expect(refused.status).toBe(403);
    const refusedDelete = await postForm(`/app/monitors/${monitor.id}/delete`, reader, { confirm: "yes" });
    expect(refusedDelete.status).toBe(403);
    expect(await statusNow()).toBe("new");

    expect((await html(`/app/monitors/${monitor.id}`, writer)).text).toContain('id="pause-monitor"');
    const noCsrf = await postForm(`/app/monitors/${monitor.id}/pause`, writer, {}, { csrf: false });
    expect(noCsrf.status).toBe(403);
    const paused = await postForm(`/app/monitors/${monitor.id}/pause`, writer);
    expect(paused.status).toBe(303);
    expect(paused.headers.get("location")).toBe(`/app/monitors/${monitor.id}`);
    expect(await statusNow()).toBe("paused");
    expect((await html(`/app/monitors/${monitor.id}`, writer)).text).toContain('id="resume-monitor"');
    await postForm(`/app/monitors/${monitor.id}/resume`, writer);
    expect(await statusNow()).toBe("new");
  });

  it("deletes only once the box is ticked", async () => {
    const { monitor, writer, statusNow } = await teamMonitor("details-delete");
    const confirm = await html(`/app/monitors/${monitor.id}/delete`, writer);
    expect(confirm.text).toContain('id="confirm-delete"');
    const unticked = await postForm(`/app/monitors/${monitor.id}/delete`, writer);
    expect(unticked.status).toBe(400);
    expect(await statusNow()).toBe("new");
    const deleted = await postForm(`/app/monitors/${monitor.id}/delete`, writer, { confirm: "yes" });
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get("location")).toBe("/app/monitors");
    expect(await statusNow()).toBeUndefined();
  });

  it("a missing monitor, or another team's, is a 404 page", async () => {
    const { monitor, writer } = await teamMonitor("details-other");
    const other = await createMonitor();
    const foreign = await html(`/app/monitors/${other.id}`, writer);
    expect(foreign.status).toBe(404);
    expect(foreign.text).toContain("<h1>");
    expect(foreign.text).not.toContain(other.ping_url);
    expect((await postForm(`/app/monitors/${other.id}/pause`, writer)).status).toBe(404);
    expect(await status(other.id)).toBe("new");
    expect((await html(`/app/monitors/mon_${"a".repeat(26)}`, writer)).status).toBe(404);
    expect((await html(`/app/monitors/${monitor.id}`, writer)).status).toBe(200);
  });

  it("leaves a path that is not a monitor id (the create form's /new) to the router mounted after it", async () => {
    const pages = new Hono();
    pages.route("/app/monitors", monitorDetailsRoutes);
    pages.get("/app/monitors/new", (c) => c.text("the create form"));
    expect(await (await pages.request("/app/monitors/new")).text()).toBe("the create form");
  });
});

describe("the details page's live version", () => {
  const versionOf = async (id: string, session: Awaited<ReturnType<typeof signIn>>) => {
    const res = await page(`/app/monitors/${id}/version`, session, { accept: "application/json" });
    expect(res.status).toBe(200);
    return ((await res.json()) as { version: string }).version;
  };

  it("is the one the page carries, and stays put while nothing happens", async () => {
    const monitor = await createMonitor({ name: "steady", interval: 60 });
    const session = await signIn();
    const { text } = await html(`/app/monitors/${monitor.id}`, session);
    const version = await versionOf(monitor.id, session);
    expect(text).toContain(`data-version="${version}"`);
    expect(text).toContain(`data-version-url="/app/monitors/${monitor.id}/version"`);
    expect(await versionOf(monitor.id, session)).toBe(version);
  });

  it("moves with a ping, with the missed deadline, and with an edit", async () => {
    const monitor = await createMonitor({ name: "moving", interval: 60, grace: 0 });
    const session = await signIn();
    const seen = [await versionOf(monitor.id, session)];
    await pingAt(T0 + S, monitor);
    seen.push(await versionOf(monitor.id, session));
    await advanceTo(monitor.id, T0 + 2 * M);
    expect(await status(monitor.id)).toBe("down");
    seen.push(await versionOf(monitor.id, session));
    await api("PATCH", `/api/v1/monitors/${monitor.id}`, { name: "moved" });
    seen.push(await versionOf(monitor.id, session));
    expect(new Set(seen).size).toBe(4);
  });

  it("is the team's own: another team's session gets a 404", async () => {
    const { monitor } = await teamMonitor("live-version-owner");
    const other = await createTeamWithKeys("live-version-other");
    const res = await page(`/app/monitors/${monitor.id}/version`, await signIn(other.write), { accept: "application/json" });
    expect(res.status).toBe(404);
  });
});
