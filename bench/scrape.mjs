// The admin reads at scale (issue 19, "Scale on paper and here"), on the bare runtime: server CPU time per
// request for the Prometheus scrape (/metrics, streamed from D1 in keyset pages) and the admin list
// (GET /api/v1/monitors, one page of 100, and the walk through every page), with 1,000 and 10,000 monitors in
// the team (BENCH_SCRAPE_MONITORS), the bytes of each answer, and the D1 queries each makes. CPU is workerd's
// own (/proc), over BENCH_SCRAPE_REQUESTS sequential requests after a warm-up, divided by the requests. The
// queries are counted by the code's own rule, which test/routes/metrics-pages.test.ts checks by recording D1:
// a scrape reads ceil((n + 1) / 500) pages plus the open alert count; a list page is one query; both after
// the key's authentication (the ADMIN_TOKEN here: none).
import { cpuSeconds } from "./proc.mjs";
import { admin, pool, summary, TOKEN } from "./util.mjs";

const REQUESTS = Number(process.env.BENCH_SCRAPE_REQUESTS ?? 10);
const WARM_UP = 2;
const METRICS_PAGE = 500; // src/services/metrics-stream.ts

async function get(url, path) {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${body.slice(0, 200)}`);
  return { bytes: Buffer.byteLength(body), body };
}

/** `path` REQUESTS times, one at a time: workerd CPU ms per request, wall ms p50/p99, bytes. */
async function measure(server, path) {
  for (let i = 0; i < WARM_UP; i++) await get(server.url, path);
  const walls = [];
  let bytes = 0;
  const cpuBefore = cpuSeconds(server.workerd);
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    ({ bytes } = await get(server.url, path));
    walls.push(Math.round(performance.now() - start));
  }
  const cpuMs = ((cpuSeconds(server.workerd) - cpuBefore) * 1000) / REQUESTS;
  const wall = summary(walls);
  return { cpuMsPerRequest: Math.round(cpuMs * 10) / 10, wallP50: wall.p50, wallP99: wall.p99, bytes };
}

/** Every page of the list, 100 at a time, as a client walking it would: requests, CPU ms and bytes in all. */
async function walkList(server) {
  const cpuBefore = cpuSeconds(server.workerd);
  let requests = 0;
  let bytes = 0;
  for (let cursor = null; ; ) {
    const page = await get(server.url, `/api/v1/monitors?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    requests += 1;
    bytes += page.bytes;
    cursor = JSON.parse(page.body).next_cursor;
    if (!cursor) break;
  }
  const cpuMs = (cpuSeconds(server.workerd) - cpuBefore) * 1000;
  return { requests, queries: requests, cpuMsTotal: Math.round(cpuMs), cpuMsPerRequest: Math.round((cpuMs / requests) * 10) / 10, bytes };
}

/**
 * Adds monitors to the admin token's team until it has `count`: created through the API only (16 at a
 * time, each call resent on a transport error), never pinged, since what a scrape or a list reads does not
 * depend on the pings and a loaded machine drops some of thousands of pings in a burst.
 */
async function growTo(url, monitors, count) {
  const names = Array.from({ length: count - monitors.length }, (_, i) => `scrape-bench-${monitors.length + i}`);
  const created = await pool(names, 16, (name, i) =>
    admin(url, "POST", "/api/v1/monitors", { name, interval: "1h", tags: [`group${i % 10}`] }),
  );
  monitors.push(...created);
}

/** `server` from startBare. One row per team size and read, each printed (one JSON line) as soon as measured. */
export async function scrapeWeights(server, sizes) {
  const monitors = [];
  const rows = [];
  const done = (row) => {
    console.log(JSON.stringify(row));
    rows.push(row);
  };
  for (const size of sizes) {
    await growTo(server.url, monitors, size);
    const scrapeQueries = Math.ceil((size + 1) / METRICS_PAGE) + 1;
    done({ monitors: size, path: "/metrics", queries: scrapeQueries, ...(await measure(server, "/metrics")) });
    done({ monitors: size, path: "/api/v1/monitors?limit=100", queries: 1, ...(await measure(server, "/api/v1/monitors?limit=100")) });
    done({ monitors: size, path: "/api/v1/monitors (every page)", ...(await walkList(server)) });
  }
  return rows;
}
