import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin } from "../../scripts/harness/admin.mjs";
import { type DevServer, startDevServer, waitFor } from "../../scripts/harness/dev-server.mjs";
import { type Receiver, startReceiver } from "../../scripts/harness/receiver.mjs";
import { adminChurn, endFlapping, flap, pingLoad, type SoakMonitor, type SoakRun, sampleUsage, soakReport, type Usage } from "./soak-load";

/**
 * Soak: a real `npm run dev` server under `SOAK_SECONDS` (60) of token pings from 50 connections to
 * 500 monitors, while some monitors go silent and come back (alerts open and close) and an admin loop
 * creates, edits and deletes others. Every ping must answer 200 and be in its monitor's ping log,
 * every alert must open once and close once, in that order, and workerd's memory may grow per ping
 * no more than the local runtime itself does.
 */
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const MONITORS = 500;
const FLAPPERS = 20;
const CONNECTIONS = 50;
/**
 * Measured (BENCHMARKS.md, 2026-11-29): under `wrangler dev` workerd grows with the number of requests,
 * lubdub or not (a hello-world worker ~4 KiB per request, a minimal Durable Object worker ~6 KiB; the
 * dev proxy, which runs no lubdub code, grows as well). So the slope is judged per ping: after warm-up,
 * lubdub's workerd grew by 2-17 KiB per ping in eight runs from 43 to 554 pings/s (4.7 to 257 MiB/min).
 */
const MAX_RSS_GROWTH_KIB_PER_PING = 24;

let server: DevServer | undefined;
let receiver: Receiver | undefined;
const steady: SoakMonitor[] = [];
const flappers: SoakMonitor[] = [];
let run: SoakRun | undefined;

async function createMonitors(target: DevServer, channelId: string): Promise<void> {
  const create = async (i: number) => {
    const flapper = i < FLAPPERS;
    const body = flapper
      ? { name: `flapper ${i}`, interval: "4s", grace: "4s", channels: [channelId], ping_log_size: 1000 }
      : { name: `steady ${i}`, interval: "1h", ping_log_size: 1000 };
    const res = await admin(target, "POST", "/api/v1/monitors", body);
    if (res.status !== 201) throw new Error(`create monitor ${i}: ${res.status} ${JSON.stringify(res.body)}`);
    (flapper ? flappers : steady).push({ id: res.body.id, pingUrl: res.body.ping_url, pings: 0 });
  };
  for (let i = 0; i < MONITORS; i += 10) await Promise.all(Array.from({ length: Math.min(10, MONITORS - i) }, (_, k) => create(i + k)));
}

beforeAll(async () => {
  [server, receiver] = await Promise.all([startDevServer(), startReceiver()]);
  const channel = await admin(server, "POST", "/api/v1/channels", { type: "webhook", name: "soak", url: receiver.url });
  if (channel.status !== 201) throw new Error(`channel: ${channel.status} ${JSON.stringify(channel.body)}`);
  await createMonitors(server, channel.body.id);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

const started = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error("soak setup did not finish");
  return value;
};

describe(`soak: ${SOAK_SECONDS} s, ${MONITORS} monitors, ${CONNECTIONS} connections, admin churn, alerts opening and closing`, () => {
  it("answers every request without an error", async () => {
    const target = started(server);
    const usage: Usage = sampleUsage(target);
    const endAt = Date.now() + SOAK_SECONDS * 1000;
    const [load, churn, flapping] = await Promise.all([
      pingLoad(steady, CONNECTIONS, endAt),
      adminChurn(target, steady, endAt),
      Promise.all(flappers.map((monitor, k) => flap(monitor, k, endAt))),
    ]);
    usage.stop();
    const ending = (await Promise.all(flappers.map((monitor) => endFlapping(target, monitor)))).flat();
    run = { load, churn, flapping, usage };
    console.log(soakReport(run, SOAK_SECONDS));
    const errors = [...load.errors, ...churn.errors, ...flapping.flatMap((f) => f.errors), ...usage.errors, ...ending];
    // A restarted worker (wrangler reloads it when a source file changes) answers POSTs in flight with 503
    // and retries GETs, so pings already recorded are recorded twice: the server's output says why.
    const why = usage.errors.length > 0 ? `\n--- dev server output ---\n${target.output().slice(-3000)}` : "";
    expect(errors.slice(0, 20), `${errors.length} errors${why}`).toEqual([]);
    expect(churn.cycles, "admin create/edit/delete cycles").toBeGreaterThan(0);
  });

  it("keeps every ping in its monitor's ping log", async () => {
    const target = started(server);
    const missing: string[] = [];
    const monitors = [...steady, ...flappers];
    for (let i = 0; i < monitors.length; i += 10) {
      await Promise.all(
        monitors.slice(i, i + 10).map(async (monitor) => {
          const res = await admin(target, "GET", `/api/v1/monitors/${monitor.id}/pings?limit=1000`);
          const newest = res.body?.data?.[0]?.n ?? 0;
          const kept = res.body?.data?.length ?? 0;
          if (res.status !== 200 || newest !== monitor.pings || kept !== Math.min(monitor.pings, 1000)) {
            missing.push(`${monitor.id}: sent ${monitor.pings}, log has ${kept} (newest n ${newest}), status ${res.status}`);
          }
        }),
      );
    }
    expect(missing.slice(0, 20), `${missing.length} monitors' logs differ`).toEqual([]);
    expect(monitors.reduce((sum, m) => sum + m.pings, 0)).toBeGreaterThan(0);
  });

  it("opens one alert per silence and closes each once, after its opening", async () => {
    const target = started(server);
    const events = started(receiver).requests;
    const { flapping } = started(run);
    // After the run every flapper was pinged, then paused: each alert still open closes (by that ping).
    const opened = () => new Set(events.filter((e) => e.type === "alert.opened").map((e) => e.alertId));
    const closed = () => new Set(events.filter((e) => e.type === "alert.closed").map((e) => e.alertId));
    await waitFor(() => [...opened()].every((id) => closed().has(id)), 30_000, "every opened alert to close").catch(() => undefined);
    const problems: string[] = [];
    for (const [k, monitor] of flappers.entries()) {
      const res = await admin(target, "GET", `/api/v1/monitors/${monitor.id}/alerts?limit=100`);
      const alerts: { id: string; closed_at: string | null; close_reason: string | null }[] = res.body.data;
      const { fullSilences, silences } = started(flapping[k]);
      if (alerts.length < fullSilences || alerts.length > silences) {
        problems.push(`${monitor.id}: ${alerts.length} alerts for ${fullSilences} full silences (${silences} begun)`);
      }
      for (const alert of alerts) {
        const types = events.filter((e) => e.alertId === alert.id).map((e) => e.type);
        if (types.join() !== "alert.opened,alert.closed") problems.push(`${alert.id}: received ${types.join() || "nothing"}`);
        if (alert.close_reason !== "ping") problems.push(`${alert.id}: ${alert.closed_at} ${alert.close_reason}`);
      }
    }
    const flapperAlerts = new Set(events.map((e) => e.alertId));
    expect(problems.slice(0, 20), `${problems.length} problems`).toEqual([]);
    expect(flapperAlerts.size, "alerts opened during the soak").toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.webhookId)).size, "no delivery twice").toBe(events.length);
  });

  it("grows workerd's memory by no more per ping than the runtime does on its own, after warm-up", () => {
    const { usage, load } = started(run);
    const [slope, proxySlope] = [usage.rssSlope(), usage.proxyRssSlope()];
    const perPingKiB = (slope * 1024) / ((load.requests / SOAK_SECONDS) * 60);
    const what = `app workerd RSS slope ${slope.toFixed(1)} MiB/min after warm-up, ${perPingKiB.toFixed(1)} KiB per ping (dev proxy's ${proxySlope.toFixed(1)} MiB/min)`;
    expect(perPingKiB, what).toBeLessThan(MAX_RSS_GROWTH_KIB_PER_PING);
  });
});
