// Small helpers every bench module shares: percentiles, the admin API, pings, pools. Ports, waiting and
// process groups come from the harness the tests use too (scripts/harness/).
import { admin as adminCall } from "../scripts/harness/admin.mjs";

export { freePort, killGroup, sleep, waitUntilUp } from "../scripts/harness/dev-server.mjs";

export const TOKEN = "bench-admin-token";

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** p50/p99/max of unsorted numbers (ms), or nulls when there are none. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { p50: null, p99: null, max: null };
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
}

/**
 * An admin call to the bench server at `url`: the parsed body of a 2xx answer, or it throws. Every call may
 * be sent twice: the bench's monitors are throwaway (wrangler dev's proxy answers 503 "Your worker restarted
 * mid-request" under bursts, see BENCHMARKS.md).
 */
export async function admin(url, method, path, body) {
  const res = await adminCall({ url, token: TOKEN }, method, path, body, { resendAll: true });
  if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
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
