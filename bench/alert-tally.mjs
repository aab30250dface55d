// The bench's tally over the shared webhook receiver (scripts/harness/receiver.mjs): when each monitor's
// first alert.opened arrived, and how many alert.opened came per alert id (an alert must open exactly
// once, however many alarms fire). Counted as requests arrive: a scale run polls it with 10,000 monitors.
import { startReceiver } from "../scripts/harness/receiver.mjs";
import { admin } from "./util.mjs";

export async function startAlertTally() {
  const firstByMonitor = new Map(); // monitor id → the request of its first alert.opened
  const opensByAlert = new Map(); // alert id → how many alert.opened arrived for it
  const idsByAlert = new Map(); // alert id → the webhook-ids its alert.opened came with
  const count = (request) => {
    if (request.type !== "alert.opened") return;
    if (!firstByMonitor.has(request.monitorId)) firstByMonitor.set(request.monitorId, request);
    opensByAlert.set(request.alertId, (opensByAlert.get(request.alertId) ?? 0) + 1);
    idsByAlert.set(request.alertId, (idsByAlert.get(request.alertId) ?? new Set()).add(request.webhookId));
  };
  const receiver = await startReceiver({ onRequest: count });
  // At-least-once delivery may send one notification twice (same webhook-id); a second notification
  // (another webhook-id) for one alert would be a doubled alert.
  const duplicates = () => [...opensByAlert.values()].filter((n) => n > 1).length;
  const doubled = () => [...idsByAlert.values()].filter((ids) => ids.size > 1).length;
  return { url: receiver.url, firstByMonitor, opensByAlert, duplicates, doubled, close: receiver.close };
}

/** A webhook channel on lubdub pointing at the tally's receiver. */
export const webhookChannel = (serverUrl, tally) =>
  admin(serverUrl, "POST", "/api/v1/channels", { type: "webhook", name: "bench", url: tally.url });

/** Milliseconds from each received monitor's deadline to its alert opening and to its arrival here. */
export function latenessOf(tally) {
  const opened = [];
  const received = [];
  for (const { receivedAt, body } of tally.firstByMonitor.values()) {
    const due = Date.parse(body.monitor.last_ping_at) + (body.monitor.interval + (body.monitor.grace ?? 0)) * 1000;
    opened.push(Date.parse(body.alert.opened_at) - due);
    received.push(receivedAt - due);
  }
  return { opened, received };
}
