// A webhook receiver on 127.0.0.1 that records when each monitor's alert.opened arrives and counts
// alert.opened per alert id (an alert must open exactly once, however many alarms fire).
import { createServer } from "node:http";
import { admin } from "./util.mjs";

export async function startReceiver() {
  const firstByMonitor = new Map(); // monitor id → { at, event } of its first alert.opened
  const opensByAlert = new Map(); // alert id → how many alert.opened arrived for it
  const idsByAlert = new Map(); // alert id → the webhook-ids its alert.opened came with
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const at = Date.now();
      const event = JSON.parse(body);
      if (event.type === "alert.opened") {
        if (!firstByMonitor.has(event.monitor.id)) firstByMonitor.set(event.monitor.id, { at, event });
        opensByAlert.set(event.alert.id, (opensByAlert.get(event.alert.id) ?? 0) + 1);
        idsByAlert.set(event.alert.id, new Set([...(idsByAlert.get(event.alert.id) ?? []), req.headers["webhook-id"]]));
      }
      res.end("ok");
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  // At-least-once delivery may send one notification twice (same webhook-id); a second notification
  // (another webhook-id) for one alert would be a doubled alert.
  const duplicates = () => [...opensByAlert.values()].filter((n) => n > 1).length;
  const doubled = () => [...idsByAlert.values()].filter((ids) => ids.size > 1).length;
  const close = () =>
    new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections(); // workerd keeps connections alive; close() alone would wait for them
    });
  return { url, firstByMonitor, opensByAlert, duplicates, doubled, close };
}

/** A webhook channel on lubdub pointing at the receiver. */
export const webhookChannel = (serverUrl, receiver) =>
  admin(serverUrl, "POST", "/api/v1/channels", { type: "webhook", name: "bench", url: receiver.url });

/** Milliseconds from each received monitor's deadline to its alert opening and to its arrival here. */
export function latenessOf(receiver) {
  const opened = [];
  const received = [];
  for (const { at, event } of receiver.firstByMonitor.values()) {
    const due = Date.parse(event.monitor.last_ping_at) + (event.monitor.interval + (event.monitor.grace ?? 0)) * 1000;
    opened.push(Date.parse(event.alert.opened_at) - due);
    received.push(at - due);
  }
  return { opened, received };
}
