// Object cost (issue 7, defect 12): workerd memory and open files per busy monitor. Locally each object in
// use keeps its SQLite database, -wal and -shm open until ~10 s after its last request, so the open-file
// limit caps how many monitors can be busy at once (not how many exist). Linux /proc only.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { openFiles, rssMiB } from "./proc.mjs";
import { admin, pool, sleep } from "./util.mjs";

/** Long enough for workerd to evict idle objects (and close their files). */
const IDLE_MS = 12_000;
const WIDTH = 20;

function sqliteFiles(pid) {
  const link = (fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      return "";
    }
  };
  return readdirSync(`/proc/${pid}/fd`).filter((fd) => /\.sqlite(-wal|-shm)?$/.test(link(fd))).length;
}

const usage = (pid) => ({ rssMiB: rssMiB(pid), openFiles: openFiles(pid), sqliteFiles: sqliteFiles(pid) });
const softLimit = (pid) => Number(/Max open files\s+(\d+)/.exec(readFileSync(`/proc/${pid}/limits`, "utf8"))?.[1]);
const randomToken = () => Array.from({ length: 52 }, () => "abcdefghijklmnopqrstuvwxyz234567"[Math.floor(Math.random() * 32)]).join("");

/** `count` monitors created and pinged (busy), deleted and left idle; then `count` unknown-token pings. */
export async function objectCost(server, count) {
  const pid = server.workerd;
  await sleep(IDLE_MS);
  const before = usage(pid);
  const monitors = await pool(
    Array.from({ length: count }, (_, i) => i),
    WIDTH,
    (i) => admin(server.url, "POST", "/api/v1/monitors", { name: `cost${i}`, interval: "1h" }),
  );
  await pool(monitors, WIDTH, (m) => fetch(m.ping_url).then((r) => r.text()));
  const busy = usage(pid);
  await pool(monitors, WIDTH, (m) => admin(server.url, "DELETE", `/api/v1/monitors/${m.id}`));
  await sleep(IDLE_MS);
  const idle = usage(pid);
  // An unknown token reaches an object that writes nothing, but the object is started all the same.
  await pool(Array.from({ length: count }, randomToken), WIDTH, (token) => fetch(`${server.url}/ping/${token}`).then((r) => r.text()));
  const unknown = usage(pid);
  // SQLite files only: the sockets of requests in flight come and go.
  const filesPerObject = (busy.sqliteFiles - before.sqliteFiles) / count;
  const limit = softLimit(pid);
  const stage = (key) => ({ before: before[key], busy: busy[key], afterDeleteAndIdle: idle[key], afterUnknownTokens: unknown[key] });
  return {
    monitors: count,
    rssMiB: stage("rssMiB"),
    openFiles: stage("openFiles"),
    sqliteFiles: stage("sqliteFiles"),
    perBusyObject: { rssKiB: Math.round(((busy.rssMiB - before.rssMiB) * 1024) / count), openFiles: Number(filesPerObject.toFixed(2)) },
    openFileLimit: limit,
    busyObjectsAllowed: Math.floor((limit - before.openFiles) / filesPerObject),
  };
}
