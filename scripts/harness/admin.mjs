// @ts-check
// Admin API calls against a running server, shared by the e2e tests, the fault suite and the bench.

/**
 * wrangler 4.86's dev proxy answers a request it failed to hand to workerd (a busy machine is enough)
 * with this 503 and does not retry a POST. Not lubdub's answer: the call is sent again when it is safe.
 */
const PROXY_RESTART = "Your worker restarted mid-request";

/** @param {string} method @param {string} path */
const idempotent = (method, path) => method !== "POST" || /\/(pause|resume)$/.test(path);

/**
 * @typedef {{ status: number, body: any }} AdminAnswer
 * `body`: the parsed JSON (null when empty). `any`: the tests read every shape of the API.
 */

/**
 * An admin API call: its status and parsed JSON body. Sent again (twice at most) when it did not reach
 * lubdub (the dev proxy's 503, a kept-alive connection closed under it) and sending it twice is harmless:
 * an idempotent call, or any call with `resendAll` (the bench's throwaway monitors).
 * @param {{ url: string, token: string }} server
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {{ resendAll?: boolean, retries?: number }} [options]
 * @returns {Promise<AdminAnswer>}
 */
export async function admin(server, method, path, body, options = {}) {
  const retries = options.retries ?? 2;
  const resendable = retries > 0 && (options.resendAll === true || idempotent(method, path));
  const again = () => admin(server, method, path, body, { ...options, retries: retries - 1 });
  let res;
  try {
    res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    if (resendable && !(err instanceof DOMException)) return again(); // not after a timeout: it may be running
    throw err;
  }
  const text = await res.text();
  if (res.status === 503 && resendable && (text.includes(PROXY_RESTART) || options.resendAll)) {
    console.warn(`${method} ${path}: 503 (${text.slice(0, 60)}), sent again`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return again();
  }
  try {
    return { status: res.status, body: text ? JSON.parse(text) : null };
  } catch {
    throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  }
}
