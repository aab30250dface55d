// @ts-check
// The one webhook receiver of the e2e tests, the fault suite, the bench and `npm run receiver`: an HTTP
// server on 127.0.0.1 that records every request and answers each as its plan says (a status after a
// delay, an echo of the request, a hang, a connection reset). The plan can be swapped while it runs.
import { createServer } from "node:http";

/**
 * A lubdub notification as the receiver reads it (only what the tests and the bench look at).
 * @typedef {{
 *   type: string,
 *   test?: boolean,
 *   alert: { id: string, opened_at: string },
 *   monitor: { id: string, last_ping_at: string | null, interval: number, grace?: number },
 * }} WebhookEvent
 */

/**
 * An answer: `status` (with `headers` and `body`, "ok" by default), after `delayMs` (not at all if the
 * sender hung up first). `echo` answers with the request itself (method, URL, headers, body), as many
 * services do on errors.
 * @typedef {{ status: number, headers?: Record<string, string>, body?: string, delayMs?: number, echo?: boolean }} Answer
 */

/** What the receiver does with one request: answer, never answer ("hang"), or reset the TCP connection. @typedef {Answer | "hang" | "reset"} Reply */

/**
 * One request, in arrival order. The lubdub fields (`type`, `alertId`, `monitorId`) are "" when the body is
 * no lubdub event (a Slack message, say).
 * @typedef {{
 *   seq: number,
 *   receivedAt: number,
 *   method: string,
 *   path: string,
 *   headers: import("node:http").IncomingHttpHeaders,
 *   text: string,
 *   body: WebhookEvent | null,
 *   webhookId: string,
 *   type: string,
 *   alertId: string,
 *   monitorId: string,
 *   lastPingAt: number | null,
 *   n: number,
 *   reply: Reply,
 *   status: number | null,
 *   okAt: number | null,
 *   closedAt: number | null,
 * }} ReceivedRequest
 * `receivedAt`: when its body was complete (it counts as received even if the sender dies before the answer).
 * `n`: 1 for the first request with its `webhook-id`, 2 for the retry… `status`/`okAt`: the status answered
 * and when, if 2xx (null until then, or never). `closedAt`: when the sender's side went away (a hang ends there).
 */

/** Decides the reply to one request (already recorded, so `request.n` and `receiver.requests` count it). @typedef {(request: ReceivedRequest) => Reply} Plan */

/** @type {(status?: number) => Answer} */
export const ok = (status = 200) => ({ status });

/** The same reply to every request. @type {(reply: Reply) => Plan} */
export const always = (reply) => () => reply;

/** The first request of every event gets `fault`; its retries are taken. @type {(fault: Reply) => Plan} */
export const faultOnce = (fault) => (request) => (request.n === 1 ? fault : ok());

/**
 * Starts a receiver on 127.0.0.1 (`port`: 0 for a free one). `plan` answers 200 "ok" by default; `onRequest`
 * sees each request once it is recorded (to print it, say).
 * @param {{ port?: number, plan?: Plan, onRequest?: (request: ReceivedRequest) => void }} [options]
 */
export async function startReceiver(options = {}) {
  /** @type {ReceivedRequest[]} */
  const requests = [];
  /** @type {Map<string, number>} */
  const perWebhookId = new Map();
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set();
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      const request = record(req, text, requests.length, perWebhookId);
      requests.push(request);
      res.once("close", () => (request.closedAt ??= Date.now()));
      request.reply = receiver.plan(request);
      options.onRequest?.(request);
      answer(request, req, res, timers);
    });
  });
  const origin = await listen(server, options.port ?? 0);
  const receiver = {
    /** Where lubdub should send: the receiver's `/hook`. */
    url: `${origin}/hook`,
    /** `http://127.0.0.1:<port>`, for other paths. */
    origin,
    /** Every request so far, in arrival order. */
    requests,
    /** @type {Plan} */
    plan: options.plan ?? always(ok()),
    /** The requests answered 2xx, in the order they were answered. */
    delivered: () => requests.filter((r) => r.okAt !== null).sort((a, b) => (a.okAt ?? 0) - (b.okAt ?? 0)),
    /** Requests whose sender still waits for an answer. */
    inFlight: () => requests.filter((r) => r.status === null && r.closedAt === null && r.reply !== "reset").length,
    /** Stops at once: pending answers are dropped, kept-alive connections closed (workerd keeps them open). */
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return /** @type {Promise<void>} */ (new Promise((resolve) => server.close(() => resolve())));
    },
  };
  return receiver;
}

/** @param {import("node:http").Server} server @param {number} port @returns {Promise<string>} its origin */
async function listen(server, port) {
  await new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}`;
}

/** @typedef {Awaited<ReturnType<typeof startReceiver>>} Receiver */

/**
 * @param {import("node:http").IncomingMessage} req
 * @param {string} text
 * @param {number} seq
 * @param {Map<string, number>} perWebhookId
 * @returns {ReceivedRequest}
 */
function record(req, text, seq, perWebhookId) {
  const body = parseEvent(text);
  const webhookId = String(req.headers["webhook-id"] ?? "");
  const n = (perWebhookId.get(webhookId) ?? 0) + 1;
  perWebhookId.set(webhookId, n);
  const lastPing = body?.monitor?.last_ping_at;
  return {
    seq,
    receivedAt: Date.now(),
    method: req.method ?? "",
    path: req.url ?? "",
    headers: req.headers,
    text,
    body,
    webhookId,
    type: typeof body?.type === "string" ? body.type : "",
    alertId: body?.alert?.id ?? "",
    monitorId: body?.monitor?.id ?? "",
    lastPingAt: lastPing ? Date.parse(lastPing) : null,
    n,
    reply: "hang", // the plan's reply replaces it at once
    status: null,
    okAt: null,
    closedAt: null,
  };
}

/** @param {string} text @returns {WebhookEvent | null} */
function parseEvent(text) {
  try {
    const parsed = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * @param {ReceivedRequest} request
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {Set<NodeJS.Timeout>} timers
 */
function answer(request, req, res, timers) {
  const reply = request.reply;
  if (reply === "hang") return;
  if (reply === "reset") {
    req.socket.resetAndDestroy();
    return;
  }
  const send = () => {
    if (request.closedAt !== null) return; // the sender gave up first: not answered
    request.status = reply.status;
    if (reply.status >= 200 && reply.status < 300) request.okAt = Date.now();
    if (reply.echo) {
      const echo = `${request.method} ${request.path}\n${JSON.stringify(request.headers)}\n${request.text}`;
      res.writeHead(reply.status, { "content-type": "text/plain", ...reply.headers }).end(echo);
    } else res.writeHead(reply.status, reply.headers).end(reply.body ?? "ok");
  };
  if (!reply.delayMs) return send();
  const timer = setTimeout(() => {
    timers.delete(timer);
    send();
  }, reply.delayMs);
  timers.add(timer);
}
