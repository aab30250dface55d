// Process figures from /proc (Linux): which pid is workerd, its CPU time and its resident memory.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK)

/** Fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  return text.slice(text.lastIndexOf(")") + 2).split(" ");
}

/** Pids of every process in process group `pgid` (a detached child and all it started). */
export function groupPids(pgid) {
  const pids = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (Number(statFields(name)[2]) === pgid) pids.push(Number(name));
    } catch {} // gone meanwhile
  }
  return pids;
}

const commandOf = (pid) => readFileSync(`/proc/${pid}/comm`, "utf8").trim();

/** The workerd process a server started (Miniflare and wrangler each start exactly one). */
export function workerdPid(pgid) {
  return groupPids(pgid).find((pid) => {
    try {
      return commandOf(pid) === "workerd";
    } catch {
      return false;
    }
  });
}

/** User + system CPU seconds the process has used so far (all its threads). */
export function cpuSeconds(pid) {
  const fields = statFields(pid);
  // After the command: state is field 0, so utime (stat field 14) is 11 and stime is 12.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds of a whole process group, e.g. wrangler dev's Node proxy and workerd together. */
export const groupCpuSeconds = (pgid) =>
  groupPids(pgid).reduce((sum, pid) => {
    try {
      return sum + cpuSeconds(pid);
    } catch {
      return sum;
    }
  }, 0);

export function rssMiB(pid) {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return kb ? Math.round(Number(kb) / 1024) : null;
}

export const openFiles = (pid) => readdirSync(`/proc/${pid}/fd`).length;
