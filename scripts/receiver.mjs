#!/usr/bin/env node
// `npm run receiver [-- <port>] [--status <code>] [--delay <ms>] [--hang] [--echo]`: a local webhook
// receiver (9999 by default) that prints every event it gets and answers 200 "ok", or as the flags say, to
// watch lubdub retry or give up: another status, an answer after a delay, never an answer, or the request
// echoed back. The tests' and the bench's receiver (scripts/harness/receiver.mjs).
import { parseArgs } from "node:util";
import { always, startReceiver } from "./harness/receiver.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { status: { type: "string" }, delay: { type: "string" }, hang: { type: "boolean" }, echo: { type: "boolean" } },
});
const port = Number(positionals[0] ?? 9999);
const status = Number(values.status ?? 200);
const delayMs = Number(values.delay ?? 0);
if (!Number.isInteger(port) || !Number.isInteger(status) || status < 200 || status > 599 || !(delayMs >= 0)) {
  console.error("usage: npm run receiver -- [port] [--status 200-599] [--delay <ms>] [--hang] [--echo]");
  process.exit(2);
}
const plan = always(values.hang ? "hang" : { status, delayMs, echo: values.echo ?? false });
const print = (/** @type {import("./harness/receiver.mjs").ReceivedRequest} */ request) =>
  console.log(
    `${new Date(request.receivedAt).toISOString()} ${request.method} ${request.path} webhook-id=${request.webhookId || "-"}\n${request.text}\n`,
  );
await startReceiver({ port, plan, onRequest: print });
console.log(`receiver listening on http://127.0.0.1:${port}/`);
