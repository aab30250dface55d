// Ping throughput against the floor, in the same run: token pings spread over many monitors and all on
// one monitor (one object, serialised), and the floor's one-upsert route with the same spread of objects.
import { compare, wrkLoad } from "./load.mjs";
import { admin, pool, summary } from "./util.mjs";

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
async function shape(lubdub, floor, objects, { connections, seconds, rounds }) {
  const monitors = await loadMonitors(lubdub.url, objects);
  const lubdubPaths = monitors.map((m) => new URL(m.ping_url).pathname);
  const floorPaths = monitors.map((_, i) => `/hit/k${i}`);
  const floorAlarmPaths = monitors.map((_, i) => `/hit-alarm/a${i}`);
  // A short unmeasured run on each side first: both runtimes start their objects and compile their code
  // before the clock starts, so neither side's p99 is its warm-up.
  wrkLoad({ origin: lubdub.url, paths: lubdubPaths, connections, seconds: WARM_UP_SECONDS, server: lubdub });
  wrkLoad({ origin: floor.url, paths: floorPaths, connections, seconds: WARM_UP_SECONDS, server: floor });
  wrkLoad({ origin: floor.url, paths: floorAlarmPaths, connections, seconds: WARM_UP_SECONDS, server: floor });
  const sides = { lubdub: [lubdub, lubdubPaths], floor: [floor, floorPaths], floorWithAlarm: [floor, floorAlarmPaths] };
  const runs = { lubdub: [], floor: [], floorWithAlarm: [] };
  // Rounds, each side once per round in a rotated order: a machine that gets busier or quieter during the
  // run moves every side alike, and the medians and per-round ratios below are not one lucky window.
  const names = Object.keys(sides);
  for (let round = 0; round < rounds; round++) {
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
      const [server, paths] = sides[name];
      runs[name].push(wrkLoad({ origin: server.url, paths, connections, seconds, server }));
    }
  }
  // Paused, the monitors stay out of the way of what is measured next (no alarms going off later).
  await pool(monitors, 8, (m) => admin(lubdub.url, "POST", `/api/v1/monitors/${m.id}/pause`));
  const [lubdubResult, floorResult, floorAlarmResult] = names.map((name) => medianRun(runs[name]));
  return {
    rounds,
    lubdub: lubdubResult,
    floor: floorResult,
    floorWithAlarm: floorAlarmResult,
    vsFloor: compare(lubdubResult, floorResult),
    vsFloorWithAlarm: compare(lubdubResult, floorAlarmResult),
    perRound: runs.lubdub.map((run, i) => ({
      vsFloor: compare(run, runs.floor[i]),
      vsFloorWithAlarm: compare(run, runs.floorWithAlarm[i]),
    })),
  };
}

/** The p50 of util's `summary` (null for none), over the rounds that have the figure. */
const median = (values) => summary(values.filter((v) => typeof v === "number")).p50;

/** Per figure, the median over the rounds (socket errors: the round's own, listed). */
function medianRun(runs) {
  const figures = ["requests", "rps", "p50ms", "p99ms", "non2xx", "workerdCpuUsPerRequest", "serverCpuUsPerRequest"];
  return {
    ...Object.fromEntries(figures.map((figure) => [figure, median(runs.map((run) => run[figure]))])),
    socketErrors: runs.map((run) => run.socketErrors),
    p99msByRound: runs.map((run) => run.p99ms),
  };
}

const ratios = ({ rpsRatio, p99Ratio, rpsTarget, p99Target }) =>
  `rps ${rpsRatio} (≥ 0.8: ${rpsTarget}), p99 ${p99Ratio} (≤ 1.25: ${p99Target})`;

/** Prints each shape as a label line and a JSON line. */
export async function throughput(lubdub, floor, { connections, seconds, spread, label, rounds }) {
  for (const objects of [spread, 1]) {
    const where = objects === 1 ? "all on one monitor / one floor object" : `spread over ${objects} monitors / ${objects} floor objects`;
    console.log(`${label} ping load: wrk, ${connections} connections, ${rounds} rounds of ${seconds} s each side, ${where} (medians)`);
    const result = await shape(lubdub, floor, objects, { connections, seconds, rounds });
    const side = (r) => `${r.rps} rps, p99 ${r.p99ms} ms`;
    console.log(`  lubdub                         ${side(result.lubdub)}`);
    console.log(`  floor (/hit: one upsert)       ${side(result.floor)}  lubdub/floor: ${ratios(result.vsFloor)}`);
    console.log(`  floor + alarm (/hit-alarm)     ${side(result.floorWithAlarm)}  lubdub/floor+alarm: ${ratios(result.vsFloorWithAlarm)}`);
    const perRound = (key) => result.perRound.map((r) => `${r[key].rpsRatio}/${r[key].p99Ratio}`).join(", ");
    console.log(`  per round, rps/p99 ratios: vs floor ${perRound("vsFloor")}; vs floor + alarm ${perRound("vsFloorWithAlarm")}`);
    console.log(JSON.stringify(result));
  }
}
