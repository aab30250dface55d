// Ping throughput against the floor, in the same run: token pings spread over many monitors and all on
// one monitor (one object, serialised), and the floor's one-upsert route with the same spread of objects.
import { compare, wrkLoad } from "./load.mjs";
import { admin, pool } from "./util.mjs";

const WARM_UP_SECONDS = 3;

async function loadMonitors(url, count) {
  const names = Array.from({ length: count }, (_, i) => `load${i}`);
  return pool(names, 8, (name) => admin(url, "POST", "/api/v1/monitors", { name, interval: "1h" }));
}

/**
 * One shape: `objects` monitors (lubdub) and as many floor objects, each loaded for `seconds`. Two floors:
 * `/hit` (one SQL upsert) and `/hit-alarm` (the same plus `setAlarm()`, which lubdub's design does on every
 * ping; locally that is a second SQLite commit in workerd's alarm scheduler: bench/PROFILE.md §1).
 */
async function shape(lubdub, floor, objects, { connections, seconds }) {
  const monitors = await loadMonitors(lubdub.url, objects);
  const lubdubPaths = monitors.map((m) => new URL(m.ping_url).pathname);
  const floorPaths = monitors.map((_, i) => `/hit/k${i}`);
  const floorAlarmPaths = monitors.map((_, i) => `/hit-alarm/a${i}`);
  // A short unmeasured run on each side first: both runtimes start their objects and compile their code
  // before the clock starts, so neither side's p99 is its warm-up.
  wrkLoad({ origin: lubdub.url, paths: lubdubPaths, connections, seconds: WARM_UP_SECONDS, server: lubdub });
  wrkLoad({ origin: floor.url, paths: floorPaths, connections, seconds: WARM_UP_SECONDS, server: floor });
  wrkLoad({ origin: floor.url, paths: floorAlarmPaths, connections, seconds: WARM_UP_SECONDS, server: floor });
  const lubdubResult = wrkLoad({ origin: lubdub.url, paths: lubdubPaths, connections, seconds, server: lubdub });
  const floorResult = wrkLoad({ origin: floor.url, paths: floorPaths, connections, seconds, server: floor });
  const floorAlarmResult = wrkLoad({ origin: floor.url, paths: floorAlarmPaths, connections, seconds, server: floor });
  // Paused, the monitors stay out of the way of what is measured next (no alarms going off later).
  await pool(monitors, 8, (m) => admin(lubdub.url, "POST", `/api/v1/monitors/${m.id}/pause`));
  return {
    lubdub: lubdubResult,
    floor: floorResult,
    floorWithAlarm: floorAlarmResult,
    vsFloor: compare(lubdubResult, floorResult),
    vsFloorWithAlarm: compare(lubdubResult, floorAlarmResult),
  };
}

const ratios = ({ rpsRatio, p99Ratio, rpsTarget, p99Target }) =>
  `rps ${rpsRatio} (≥ 0.8: ${rpsTarget}), p99 ${p99Ratio} (≤ 1.25: ${p99Target})`;

/** Prints each shape as a label line and a JSON line. */
export async function throughput(lubdub, floor, { connections, seconds, spread, label }) {
  for (const objects of [spread, 1]) {
    const where = objects === 1 ? "all on one monitor / one floor object" : `spread over ${objects} monitors / ${objects} floor objects`;
    console.log(`${label} ping load: wrk, ${connections} connections, ${seconds} s each side, ${where}`);
    const result = await shape(lubdub, floor, objects, { connections, seconds });
    const side = (r) => `${r.rps} rps, p99 ${r.p99ms} ms`;
    console.log(`  lubdub                         ${side(result.lubdub)}`);
    console.log(`  floor (/hit: one upsert)       ${side(result.floor)}  lubdub/floor: ${ratios(result.vsFloor)}`);
    console.log(`  floor + alarm (/hit-alarm)     ${side(result.floorWithAlarm)}  lubdub/floor+alarm: ${ratios(result.vsFloorWithAlarm)}`);
    console.log(JSON.stringify(result));
  }
}
