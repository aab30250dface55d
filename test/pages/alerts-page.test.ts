import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { upsertAlertStatement } from "../../src/db/alerts";
import { advanceTo, api, interceptFetch, M, page, ping, settle, signIn, T0, useFakeClock } from "../helpers";
import { bearer, createTeamWithKeys, type TeamFixture } from "../teams-helpers";

// /app/alerts: open alerts first, then the history, with durations, reasons and deliveries.

useFakeClock(T0);

async function watched(team: TeamFixture, name: string) {
  const channel = await api(
    "POST",
    "/api/v1/channels",
    { type: "webhook", name: "ops hook", url: "http://receiver.test/hook" },
    bearer(team.write),
  );
  const monitor = await api("POST", "/api/v1/monitors", { name, interval: 60, grace: 0, channels: [channel.body.id] }, bearer(team.write));
  await ping(monitor.body.ping_url);
  await settle(monitor.body.id);
  return { channelId: channel.body.id as string, monitor: monitor.body as { id: string; ping_url: string } };
}
const html = async (path: string, session: Awaited<ReturnType<typeof signIn>>) => {
  const res = await page(path, session);
  return { status: res.status, text: await res.text() };
};
/** The text of a section of the page, from its heading to the next one. */
const section = (text: string, id: string) =>
  text.slice(text.indexOf(`id="${id}"`), text.indexOf("</section>", text.indexOf(`id="${id}"`)));

describe("the alerts page", () => {
  it("shows an open alert with its monitor, reason, age and delivery, then the closed one with how long it lasted", async () => {
    const team = await createTeamWithKeys("alerts-page");
    const receiver = interceptFetch(() => new Response("thanks", { status: 200 }));
    const { monitor, channelId } = await watched(team, "nightly backup");
    await advanceTo(monitor.id, T0 + 2 * M);
    await advanceTo(monitor.id, T0 + 5 * M);
    expect(receiver.captured).toHaveLength(1);
    const session = await signIn(team.read);

    const open = await html("/app/alerts", session);
    expect(open.status).toBe(200);
    const openPart = section(open.text, "open-alerts");
    expect(openPart).toContain("Open (1)");
    expect(openPart).toContain(`<a href="/app/monitors/${monitor.id}">nightly backup</a>`);
    expect(openPart).toContain("No ping in time");
    expect(openPart).toContain("<td>3m</td>"); // open since T0 + 2 min, now T0 + 5 min
    expect(openPart).toContain(`<a href="/app/channels/${channelId}">ops hook</a>`);
    expect(openPart).toMatch(/delivery-delivered">delivered<\/span> · 1 attempt · <span class="last-result">HTTP 200<\/span>/);
    expect(section(open.text, "alert-history")).toContain("No closed alerts yet.");

    await advanceTo(monitor.id, T0 + 10 * M);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    const closed = await html("/app/alerts", session);
    expect(section(closed.text, "open-alerts")).toContain("No open alerts");
    const history = section(closed.text, "alert-history");
    expect(history).toContain("nightly backup");
    expect(history).toContain("<td>8m</td>"); // T0 + 2 min to T0 + 10 min
    expect(history).toContain("a successful ping");
    expect(history).toMatch(/opened · <span class="delivery delivery-delivered">delivered/);
    expect(history).toMatch(/closed · <span class="delivery delivery-delivered">delivered/);
  });

  it("shows a failing delivery's attempts and last answer", async () => {
    const team = await createTeamWithKeys("alerts-failing");
    interceptFetch(() => new Response("busy", { status: 503 }));
    const { monitor } = await watched(team, "payroll");
    await advanceTo(monitor.id, T0 + 2 * M);
    const { text } = await html("/app/alerts", await signIn(team.write));
    expect(text).toMatch(/delivery-(pending|failed)">(pending|failed)<\/span> · 1 attempt · <span class="last-result">HTTP 503/);
  });

  it("pages the history, newest first, and refuses a cursor it did not write with a 400 page", async () => {
    const team = await createTeamWithKeys("alerts-paging");
    const monitor = await api("POST", "/api/v1/monitors", { name: "flappy", interval: 60 }, bearer(team.write));
    const alertId = (n: number) =>
      `alt_${String(n)
        .padStart(26, "a")
        .replace(/[0-9]/g, (d) => "bcdefghijk"[Number(d)] ?? "a")}`;
    await env.DB.batch(
      Array.from({ length: 27 }, (_, n) =>
        upsertAlertStatement(env.DB, {
          id: alertId(n),
          monitorId: monitor.body.id,
          reason: "failed",
          openedAt: T0 - (n + 1) * 60 * M,
          closedAt: T0 - (n + 1) * 60 * M + 90_000,
          closeReason: "ping",
        }),
      ),
    );
    const session = await signIn(team.read);
    const first = await html("/app/alerts", session);
    const rows = (text: string) => (section(text, "alert-history").match(/<tr>/g) ?? []).length - 1; // minus the header row
    expect(rows(first.text)).toBe(25);
    expect(first.text).toContain("The job reported a failure");
    expect(first.text).toContain("<td>1m 30s</td>");
    const next = /href="(\/app\/alerts\?cursor=[^"]+)">Older alerts</.exec(first.text)?.[1];
    expect(next).toBeDefined();
    const second = await html((next ?? "").replace(/&amp;/g, "&"), session);
    expect(rows(second.text)).toBe(2);
    expect(second.text).not.toContain("Older alerts");
    expect(second.text).toContain('<a href="/app/alerts">Newest</a>');

    const bad = await html("/app/alerts?cursor=nonsense!", session);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("invalid query");
  });

  it("shows only the session's team's alerts", async () => {
    const mine = await createTeamWithKeys("alerts-mine");
    const theirs = await createTeamWithKeys("alerts-theirs");
    interceptFetch();
    const { monitor } = await watched(theirs, "their secret job");
    await advanceTo(monitor.id, T0 + 2 * M);
    const { text } = await html("/app/alerts", await signIn(mine.read));
    expect(text).not.toContain("their secret job");
    expect(text).toContain("Open (0)");
  });
});
