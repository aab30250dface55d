import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { admin } from "../../scripts/harness/admin.mjs";
import { type DevServer, newStateFolder, waitFor } from "../../scripts/harness/dev-server.mjs";
import { always, ok, type Receiver, startReceiver } from "../../scripts/harness/receiver.mjs";
import { adminOk, createFleet, eachAtOnce, type FleetMonitor, GROUPS, inGroup, ping } from "./crash-fleet";
import { type AlertView, checkDeliveryLog, checkMonitor, checkPingsSurvived, describeMonitor, observe } from "./crash-invariants";
import { crashableServer, dumpObjectStorage, listAll, snapshotProject } from "./crash-support";

// 100 monitors in mixed states on a real `npm run dev` server, killed with SIGKILL (the whole process
// group, no graceful stop) at different points and restarted on the same state, round after round:
// right after a burst of pings, while many alarms fire at once, while deliveries are in flight. After
// the last restart every alert that should open has opened exactly once, every notification arrived
// at least once under one webhook-id and closings after openings, no configuration is lost, and no
// monitor pinged just before a crash alerted.
const KILL_POINTS = ["after-pings", "mid-alarm", "mid-delivery"] as const;
type KillPoint = (typeof KILL_POINTS)[number];
const ROUNDS = 6;

const persist = newStateFolder();
const sources = snapshotProject();
const servers = crashableServer(persist, sources);
let receiver: Receiver | undefined;
const log = (message: string) => process.stdout.write(`[crash] ${new Date().toISOString()} ${message}\n`);

afterAll(async () => {
  await servers.stopAll();
  await receiver?.close();
  rmSync(persist, { recursive: true, force: true });
  rmSync(sources, { recursive: true, force: true });
});

const openedAlerts = (r: Receiver, m: FleetMonitor) =>
  new Set(r.requests.filter((e) => e.monitorId === m.id && e.type === "alert.opened").map((e) => e.alertId));

/** Opens an alert on every `closing` monitor and waits for its delivery; runs every `finished` monitor's job meanwhile. */
async function openClosingAlerts(server: DevServer, r: Receiver, fleet: FleetMonitor[], round: number) {
  const closing = inGroup(fleet, "closing");
  if (round > 0) await eachAtOnce(closing, (m) => adminOk(server, "POST", `/api/v1/monitors/${m.id}/resume`));
  await eachAtOnce(closing, (m) => ping(server, m));
  await eachAtOnce(inGroup(fleet, "finished"), (m) => ping(server, m, "/start"));
  await waitFor(
    () => closing.every((m) => openedAlerts(r, m).size > round),
    20_000,
    `round ${round}: closing monitors' alert.opened`,
  ).catch(async (err: unknown) => {
    const missing = closing.filter((m) => openedAlerts(r, m).size <= round).slice(0, 3);
    for (const m of missing) log(`${await describeMonitor(server, m, r.requests)}\n${dumpObjectStorage(persist, m.id)}`);
    throw err;
  });
  await eachAtOnce(inGroup(fleet, "finished"), (m) => ping(server, m));
}

/** Defect 13's sequence, the last thing before the crash: the alert is closed by a ping, then the monitor paused. */
async function closeAndPause(server: DevServer, fleet: FleetMonitor[]) {
  const closing = inGroup(fleet, "closing");
  await eachAtOnce(closing, (m) => ping(server, m));
  await eachAtOnce(closing, (m) => adminOk(server, "POST", `/api/v1/monitors/${m.id}/pause`));
}

/** Pings every monitor that must survive the crash; returns when each `pinged` monitor's last ping was sent. */
async function pingBeforeCrash(server: DevServer, fleet: FleetMonitor[]): Promise<Map<string, number>> {
  await eachAtOnce(inGroup(fleet, "due"), (m) => ping(server, m));
  await eachAtOnce(inGroup(fleet, "timeout"), (m) => ping(server, m).then(() => ping(server, m, "/start")));
  await eachAtOnce(inGroup(fleet, "paused"), (m) => ping(server, m));
  const sentAt = new Map<string, number>();
  await eachAtOnce(inGroup(fleet, "pinged"), (m) => {
    sentAt.set(m.id, Date.now());
    return ping(server, m);
  });
  return sentAt;
}

async function waitForKillPoint(point: KillPoint, r: Receiver, fleet: FleetMonitor[], since: number): Promise<void> {
  if (point === "mid-alarm") {
    const due = new Set(inGroup(fleet, "due").map((m) => m.id));
    await waitFor(() => r.requests.some((e) => e.seq >= since && due.has(e.monitorId)), 10_000, "the first due monitor's alert");
  } else if (point === "mid-delivery") {
    await waitFor(() => r.inFlight() > 0, 10_000, "a delivery in flight");
  }
}

/** Errors the server printed (a D1 sync that failed, an alarm that threw): not failures by themselves, but the first clue to one. */
function reportServerErrors(server: DevServer): void {
  const lines = server.output().split("\n");
  const errors = lines.filter((line) => /error|failed|exception|uncaught/i.test(line));
  if (errors.length > 0) log(`server printed ${errors.length} error lines, e.g.:\n${errors.slice(0, 10).join("\n")}`);
}

async function crashRound(r: Receiver, fleet: FleetMonitor[], round: number): Promise<string[]> {
  const point = KILL_POINTS[round % KILL_POINTS.length] as KillPoint;
  const server = servers.current();
  await openClosingAlerts(server, r, fleet, round);
  // Slow answers from here on, so the kill lands while the closings (and then the due openings) are in flight.
  if (point === "mid-delivery") r.plan = always({ status: 200, delayMs: 1500 });
  const since = r.requests.length;
  const sentAt = await pingBeforeCrash(server, fleet);
  await closeAndPause(server, fleet);
  await waitForKillPoint(point, r, fleet, since);
  // Pings still in flight at the kill: mid-write. Long intervals, so they may be lost but never alert.
  const inFlight = inGroup(fleet, "steady").map((m) =>
    fetch(`${server.url}${m.pingPath}`)
      .then((res) => res.text())
      .catch(() => "cut by the kill"),
  );
  log(`round ${round}: kill -9 ${point} (receiver has ${r.requests.length} events, ${r.inFlight()} in flight)`);
  reportServerErrors(server);
  await servers.kill();
  await Promise.all(inFlight);
  r.plan = always(ok());
  const restarted = await servers.start();
  log(`round ${round}: restarted`);
  return [...(await checkPingsSurvived(restarted, fleet, sentAt)), ...(await checkClosesListed(restarted, r, fleet, round))];
}

/**
 * Defect 13: an alert pinged closed (and its monitor paused) just before the crash must be listed as
 * closed soon after the restart, not still `open` for a minute. Prints the object's state and outbox if not.
 */
async function checkClosesListed(server: DevServer, r: Receiver, fleet: FleetMonitor[], round: number): Promise<string[]> {
  const closing = new Set(inGroup(fleet, "closing").map((m) => m.id));
  let stale: AlertView[] = [];
  const deadline = Date.now() + 15_000;
  do {
    stale = (await listAll<AlertView>(server, "/api/v1/alerts?status=open")).filter((a) => closing.has(a.monitor_id));
    if (stale.length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 250));
  } while (Date.now() < deadline);
  const staleMonitors = fleet.filter((m) => stale.some((a) => a.monitor_id === m.id)).slice(0, 3);
  for (const m of staleMonitors) {
    log(`round ${round}: ${await describeMonitor(server, m, r.requests)}\n${dumpObjectStorage(persist, m.id)}`);
  }
  return stale.map((a) => `round ${round}: alert ${a.id} of closing ${a.monitor_id} still open 15 s after the restart`);
}

/** An unexpected error (a request that hangs, a server that does not come back): show what the server said. */
function withServerOutput(err: unknown): never {
  let output = "(no server running)";
  try {
    output = servers.current().output().slice(-4000);
  } catch {
    // no server to ask
  }
  log(`unexpected error; the server's last output:\n${output}`);
  throw err;
}

/** After the last restart: until every expected alert is in D1 and notified, and the receiver has been quiet. */
async function settle(server: DevServer, r: Receiver, fleet: FleetMonitor[]): Promise<void> {
  const expected = fleet.reduce((n, m) => n + GROUPS[m.group].alertsPerRound * ROUNDS, 0);
  await waitFor(
    async () => {
      const { alerts } = await observe(server, []);
      const lastEventAt = r.requests.at(-1)?.receivedAt ?? 0;
      return alerts.length >= expected && Date.now() - lastEventAt > 3000 && r.inFlight() === 0;
    },
    45_000,
    `${expected} alerts and a quiet receiver`,
  ).catch((err: Error) => log(`settle: ${err.message} (the checks below say what is missing)`));
}

describe("kill -9 of the dev server at any point", () => {
  it(`${ROUNDS} crash rounds: no alert lost, doubled or false; no notification or configuration lost`, async () => {
    const r = await startReceiver();
    receiver = r;
    const first = await servers.start();
    const channel = await admin(first, "POST", "/api/v1/channels", { type: "webhook", name: "crash", url: r.url });
    const fleet = await createFleet(first, channel.body.id);
    await eachAtOnce(inGroup(fleet, "steady"), (m) => ping(first, m));
    log(`created ${fleet.length} monitors`);

    const pingProblems: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      pingProblems.push(...(await crashRound(r, fleet, round).catch(withServerOutput)));
    }

    const server = servers.current();
    await settle(server, r, fleet);
    reportServerErrors(server);
    const observed = await observe(server, fleet);
    const problems = [...pingProblems, ...(await checkDeliveryLog(server, observed.alerts, r.requests))];
    const failing = fleet.filter((m) => {
      const found = checkMonitor(m, ROUNDS, observed, r.requests);
      problems.push(...found);
      return found.length > 0;
    });
    if (failing.length > 0) {
      const described = await Promise.all(failing.slice(0, 5).map((m) => describeMonitor(server, m, r.requests)));
      await servers.stopAll();
      const storage = failing.slice(0, 5).map((m) => dumpObjectStorage(persist, m.id));
      log(`FAILED monitors:\n${described.join("\n")}\n--- object storage ---\n${storage.join("\n")}`);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
