#!/usr/bin/env node
// `npm run receiver [-- <port>]`: a local webhook receiver that prints every event it gets (the shared
// receiver of the tests and the bench, scripts/harness/receiver.mjs, answering 200 "ok").
import { startReceiver } from "./harness/receiver.mjs";

const port = Number(process.argv[2] ?? 9999);
const print = (/** @type {import("./harness/receiver.mjs").ReceivedRequest} */ request) =>
  console.log(
    `${new Date(request.receivedAt).toISOString()} ${request.method} ${request.path} webhook-id=${request.webhookId || "-"}\n${request.text}\n`,
  );
await startReceiver({ port, onRequest: print });
console.log(`receiver listening on http://127.0.0.1:${port}/`);
