// Scale (opt-in, BENCH_SCALE=10000): N monitors created through the admin API, each pinged once; then
// workerd's idle memory and open files, the D1 file size, and every alarm firing when they go silent:
// each monitor's alert must open exactly once (alert.opened counted per alert id at a receiver).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { latenessOf, startAlertTally, webhookChannel } from "./alert-tally.mjs";
import { openFiles, rssMiB } from "./proc.mjs";
import { admin, countBy, pingOnce, pool, sleep, summary } from "./util.mjs";

const CREATE_WIDTH = 16;
const PING_WIDTH = 100;
/** First pings per second (BENCH_SCALE_PING_RATE). */
const PING_RATE = Number(process.env.BENCH_SCALE_PING_RATE ?? 300);

/** Bytes of every file under `folder` (SQLite's -wal and -shm included). */
function folderBytes(folder) {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return total;
}

const readLimit = (pid) =>
  /Max open files\s+(\d+)\s+(\d+)/
    .exec(readFileSync(`/proc/${pid}/limits`, "utf8"))
    ?.slice(1, 3)
    .map(Number);

/** Runs `task` over `items` and returns its results and the rate per second. */
async function timed(items, width, task) {
  const start = performance.now();
  const results = await pool(items, width, task);
  return { results, perSecond: Math.round(items.length / ((performance.now() - start) / 1000)) };
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Memory and open files of workerd, or that it is gone (it dies when it runs out of file descriptors). */
const processFigures = (pid) => (alive(pid) ? { rssMiB: rssMiB(pid), openFiles: openFiles(pid) } : { workerdExited: true });

async function waitForAlerts(receiver, count, timeoutMs, pid) {
  const end = Date.now() + timeoutMs;
  while (receiver.firstByMonitor.size < count && Date.now() < end && alive(pid)) await sleep(500);
}

/** `server` from startBare (its persist folder holds D1 under d1/). `interval` in seconds. */
export async function scaleRun(server, count, interval) {
  const receiver = await startAlertTally();
  try {
    const openFilesLimit = readLimit(server.workerd); // [soft, hard], read while workerd surely runs
    const channel = await webhookChannel(server.url, receiver);
    const names = Array.from({ length: count }, (_, i) => `scale${i}`);
    const body = (name) => ({ name, interval: `${interval}s`, channels: [channel.id] });
    const created = await timed(names, CREATE_WIDTH, (name) => admin(server.url, "POST", "/api/v1/monitors", body(name)));
    // Paced: locally every object busy in the last ~10 s holds 3 open files, so an unpaced burst of
    // 10,000 first pings (and, an interval later, 10,000 alarms) would need ~30,000 descriptors at once.
    const start = Date.now();
    const paced = created.results.map((m, i) => ({ m, at: start + (i * 1000) / PING_RATE }));
    const pinged = await timed(paced, PING_WIDTH, async ({ m, at }) => {
      await sleep(Math.max(0, at - Date.now()));
      return pingOnce(m.ping_url);
    });
    await sleep(5000); // let in-flight work settle before calling the process idle
    const idle = { ...processFigures(server.workerd), d1Bytes: folderBytes(join(server.persist, "d1")) };
    // Only monitors whose ping was answered have a deadline; a never-pinged monitor stays silent.
    const expected = pinged.results.filter((status) => status === 200).length;
    await waitForAlerts(receiver, expected, interval * 1000 + 120_000 + count * 10, server.workerd);
    await sleep(5000); // a second alert.opened for the same alert would arrive now
    const { opened, received } = latenessOf(receiver);
    return {
      monitors: count,
      interval: `${interval}s`,
      createdPerSecond: created.perSecond,
      pingedPerSecond: pinged.perSecond,
      pingFailures: countBy(pinged.results.filter((status) => status !== 200)),
      openFilesLimit,
      idle,
      alertsExpected: expected,
      alertsOpened: receiver.firstByMonitor.size,
      alertIds: receiver.opensByAlert.size,
      duplicateOpens: receiver.duplicates(),
      doubledOpens: receiver.doubled(),
      toDownMs: summary(opened),
      toReceivedMs: summary(received),
      afterAlerts: processFigures(server.workerd),
    };
  } finally {
    await receiver.close();
  }
}
