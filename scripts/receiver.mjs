#!/usr/bin/env node
// `npm run receiver [-- <port>]`: a local webhook receiver that prints every event it gets.
import { createServer } from "node:http";

const port = Number(process.argv[2] ?? 9999);
createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    console.log(`${new Date().toISOString()} ${req.method} ${req.url} webhook-id=${req.headers["webhook-id"] ?? "-"}\n${body}\n`);
    res.end("ok");
  });
}).listen(port, "127.0.0.1", () => console.log(`receiver listening on http://127.0.0.1:${port}/`));
