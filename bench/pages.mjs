// The dashboard's weight (issue 18), on the bare runtime: server CPU time per page render with 100, 1,000
// and 10,000 monitors in the team (BENCH_PAGES_MONITORS), the bytes of each page, the stylesheet and the
// whole client script, and what an idle refresh poll costs. CPU is workerd's own (/proc), over
// BENCH_PAGES_RENDERS sequential renders of each page after a warm-up, divided by the renders.
import { cpuSeconds } from "./proc.mjs";
import { admin, pool, summary, TOKEN } from "./util.mjs";

const RENDERS = Number(process.env.BENCH_PAGES_RENDERS ?? 40);
const WARM_UP = 5;
const CREATE_WIDTH = 16;

/** Signs in with the admin token: the session cookie and the CSRF token. */
export async function signIn(url) {
  const res = await fetch(`${url}/app/sign-in`, { method: "POST", body: new URLSearchParams({ token: TOKEN }), redirect: "manual" });
  const cookie = /lubdub_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
  if (res.status !== 303 || !cookie) throw new Error(`sign-in answered ${res.status}`);
  return cookie;
}

export async function get(url, path, cookie) {
  const res = await fetch(`${url}${path}`, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status >= 300 && res.status !== 304) throw new Error(`GET ${path}: ${res.status} ${body.slice(0, 200)}`);
  return { status: res.status, bytes: Buffer.byteLength(body), body, headers: res.headers };
}

/** Bytes of the scripts a page loads (its <script src> under /app/static/). */
async function scriptBytes(url, html, cookie) {
  const sources = [...html.matchAll(/<script[^>]*src="(\/app\/static\/[^"]+\.js)"/g)].map((m) => m[1]);
  const sizes = await Promise.all(sources.map(async (src) => (await get(url, src, cookie)).bytes));
  return sizes.reduce((sum, n) => sum + n, 0);
}

/** Renders `path` RENDERS times, one at a time: workerd CPU ms per render, wall ms p50/p99, bytes. */
async function measure(server, path, cookie) {
  for (let i = 0; i < WARM_UP; i++) await get(server.url, path, cookie);
  const walls = [];
  let bytes = 0;
  let html = "";
  const cpuBefore = cpuSeconds(server.workerd);
  for (let i = 0; i < RENDERS; i++) {
    const start = performance.now();
    ({ bytes, body: html } = await get(server.url, path, cookie));
    walls.push(Math.round((performance.now() - start) * 10) / 10);
  }
  const cpuMs = ((cpuSeconds(server.workerd) - cpuBefore) * 1000) / RENDERS;
  const wall = summary(walls);
  const js = await scriptBytes(server.url, html, cookie);
  return { path, cpuMsPerRender: Math.round(cpuMs * 10) / 10, wallP50: wall.p50, wallP99: wall.p99, htmlBytes: bytes, jsBytes: js };
}

/** Cron schedules people write most, half of the bench's monitors on one of them (in UTC or Berlin time). */
const CRONS = ["0 * * * *", "*/5 * * * *", "30 2 * * *", "0 3 * * 0", "15 */6 * * *", "0 9 * * 1-5"];
const scheduleOf = (n) =>
  n % 2 === 0 ? { interval: "1h" } : { schedule: CRONS[(n >> 1) % CRONS.length], timezone: n % 4 === 1 ? "UTC" : "Europe/Berlin" };

/**
 * Adds monitors to the admin token's team until it has `count` (half on intervals, half cron), a third of them
 * pinged once: interval ones only, due an hour later, so that no deadline falls during the run and no alarm's
 * CPU is counted with the renders' (a pinged `*\/5` cron monitor would go late within minutes). Tags group0-9
 * follow the monitor's number, so the odd groups hold only never-pinged cron monitors: the costliest shape for
 * the list's tag colours (db/monitor-overview.ts worstStatusOfTags walks the team's up monitors for such a tag).
 */
export async function growTo(url, monitors, count) {
  const first = monitors.length;
  const names = Array.from({ length: count - first }, (_, i) => `page-bench-${first + i}`);
  const created = await pool(names, CREATE_WIDTH, (name, i) =>
    admin(url, "POST", "/api/v1/monitors", { name, ...scheduleOf(first + i), tags: [`group${i % 10}`] }),
  );
  await pool(
    created.filter((_, i) => (first + i) % 2 === 0 && (first + i) % 3 !== 2),
    CREATE_WIDTH,
    (m) => fetch(m.ping_url).then((r) => r.text()),
  );
  monitors.push(...created);
}

/** The change marker the list page hands its refresh script (table#monitor-list data-since). */
const markerOf = (html) => /data-since="([^"]+)"/.exec(html)?.[1] ?? "0";

/**
 * An idle poll's path: the list's current marker, once the poll still answers 204 with it 3 s later (the first pings'
 * liveness reports reach D1 through the outbox a moment after the pings, and move the marker).
 */
async function idlePoll(url, cookie) {
  for (let attempt = 0; attempt < 30; attempt++) {
    const path = `/app/monitors/changes?since=${markerOf((await get(url, "/app/monitors", cookie)).body)}`;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    if ((await get(url, path, cookie)).status === 204) return path;
  }
  throw new Error("the refresh poll never went idle (204) within 30 s");
}

/** `server` from startBare. Returns one row per team size and page, plus the static files' bytes. */
export async function pageWeights(server, sizes) {
  const cookie = await signIn(server.url);
  const monitors = [];
  const rows = [];
  for (const size of sizes) {
    await growTo(server.url, monitors, size);
    const one = monitors[0].id;
    // The idle poll first, while nothing else has run since it went quiet.
    const pages = [await idlePoll(server.url, cookie), "/app/monitors", `/app/monitors/${one}`, `/app/monitors/${one}?range=90d`];
    for (const path of pages) {
      const row = await measure(server, path, cookie);
      if (path.includes("/changes") && row.htmlBytes > 0) throw new Error(`the idle poll answered ${row.htmlBytes} bytes, not 204`);
      rows.push({ monitors: size, ...row });
    }
  }
  const css = await get(server.url, "/app/static/app.css", cookie);
  return { rows, stylesheetBytes: css.bytes };
}
