// Alert lateness: N monitors with 1 s intervals, pinged together so they all fall due within about a
// second, then silent. Reports ms from each deadline to the alert opening (`down`) and to the webhook
// arriving at a local receiver, and checks every alert opened exactly once.
import { latenessOf, startAlertTally, webhookChannel } from "./alert-tally.mjs";
import { admin, countBy, pingOnce, pool, sleep, summary } from "./util.mjs";

const CREATE_WIDTH = 8; // admin requests in flight while creating: fast, without swamping the dev proxy
const PING_WIDTH = 50; // pings in flight, as wrk's 50 connections: N = 1,000 land within about a second on a quiet machine

async function createMonitors(url, count, channelId, interval) {
  const names = Array.from({ length: count }, (_, i) => `late${i}`);
  return pool(names, CREATE_WIDTH, (name) => admin(url, "POST", "/api/v1/monitors", { name, interval, channels: [channelId] }));
}

/** Pings every monitor once; returns the ones answered 200, the failures by cause, and the spread (ms). */
async function pingAll(monitors) {
  const start = Date.now();
  const statuses = await pool(monitors, PING_WIDTH, (m) => pingOnce(m.ping_url));
  const failures = statuses.filter((s) => s !== 200);
  return {
    pinged: monitors.filter((_, i) => statuses[i] === 200),
    failures: countBy(failures),
    spreadMs: Date.now() - start,
  };
}

async function waitForAll(receiver, count, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (receiver.firstByMonitor.size < count && Date.now() < end) await sleep(100);
}

export async function alertLateness(url, count) {
  const receiver = await startAlertTally();
  try {
    const channel = await webhookChannel(url, receiver);
    const monitors = await createMonitors(url, count, channel.id, "1s");
    const { pinged, failures, spreadMs } = await pingAll(monitors);
    await waitForAll(receiver, pinged.length, 30_000 + count * 30);
    await sleep(2000); // a second alert.opened for the same alert would arrive now
    const { opened, received } = latenessOf(receiver);
    const missing = pinged.filter((m) => !receiver.firstByMonitor.has(m.id)).map((m) => m.id);
    // Stop them so the next round does not share the runtime with these monitors' work.
    await pool(monitors, CREATE_WIDTH, (m) => admin(url, "POST", `/api/v1/monitors/${m.id}/pause`));
    return {
      monitors: count,
      interval: "1s",
      pingSpreadMs: spreadMs,
      pingFailures: failures,
      alertsReceived: receiver.firstByMonitor.size,
      duplicateOpens: receiver.duplicates(),
      doubledOpens: receiver.doubled(),
      missing: missing.slice(0, 5),
      toDownMs: summary(opened),
      toReceivedMs: summary(received),
    };
  } finally {
    await receiver.close();
  }
}

/** Issue 8's targets for N = 1,000 (down p99 ≤ 1 s, received p99 ≤ 2 s) and N = 1 (received ≤ 50 ms). */
export function latenessTargets(result) {
  if (result.monitors === 1) return { receivedTarget: result.toReceivedMs.max <= 50 ? "met" : "missed" };
  if (result.monitors < 1000) return {};
  return {
    downTarget: result.toDownMs.p99 <= 1000 ? "met" : "missed",
    receivedTarget: result.toReceivedMs.p99 <= 2000 ? "met" : "missed",
  };
}
