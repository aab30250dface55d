// Small helpers every bench module shares: ports, waiting, percentiles, the admin API, process groups.
import { createServer as createNetServer } from "node:net";

export const TOKEN = "bench-admin-token";

export const freePort = () =>
  new Promise((resolve) => {
    const server = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** p50/p99/max of unsorted numbers (ms), or nulls when there are none. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { p50: null, p99: null, max: null };
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
}

/** Polls `url` until it answers (any status), so callers know the server is listening. */
export async function waitUntilUp(url, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (
      await fetch(url, { signal: AbortSignal.timeout(5000) }).then(
        (r) => r.text().then(() => true),
        () => false,
      )
    )
      return;
    await sleep(100);
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

export async function admin(url, method, path, body, retries = 2) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  }).catch((err) => {
    // A kept-alive connection the dev server's proxy closed under load: try again on a new one.
    if (retries > 0) return null;
    throw err;
  });
  if (!res) return admin(url, method, path, body, retries - 1);
  const text = await res.text();
  // wrangler dev's proxy answers 503 "Your worker restarted mid-request" under bursts (see BENCHMARKS.md).
  if (res.status === 503 && retries > 0) return sleep(200).then(() => admin(url, method, path, body, retries - 1));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/**
 * One ping; resolves to the status, or the cause of a transport error. A reset connection (ECONNRESET,
 * "other side closed") is retried once: seen from Node's fetch in bursts of pings, never from wrk, so most
 * likely a kept-alive connection the server had closed. A ping that did arrive twice is harmless here.
 */
export async function pingOnce(url, retries = 1) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    await res.text();
    return res.status;
  } catch (err) {
    const cause = err.cause?.code ?? err.name;
    if (retries > 0 && (cause === "ECONNRESET" || cause === "UND_ERR_SOCKET")) return pingOnce(url, retries - 1);
    return cause;
  }
}

/** { value: how many times } of a list, e.g. failed pings' statuses or error causes. */
export const countBy = (values) => Object.fromEntries([...new Set(values)].map((v) => [v, values.filter((x) => x === v).length]));

/** Runs `task(item)` for every item with at most `width` in flight; returns results in order. */
export async function pool(items, width, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

const groupAlive = (pid) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops a detached child and everything it started (workerd included): the whole process group. */
export async function killGroup(pid) {
  if (!groupAlive(pid)) return;
  process.kill(-pid, "SIGTERM");
  for (let i = 0; i < 30 && groupAlive(pid); i++) await sleep(100);
  // Whatever ignored SIGTERM for 3 s must not outlive the bench.
  if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
}
