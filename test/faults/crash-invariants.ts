import { admin } from "../../scripts/harness/admin.mjs";
import type { DevServer } from "../../scripts/harness/dev-server.mjs";
import type { ReceivedRequest } from "../../scripts/harness/receiver.mjs";
import type { components } from "../../src/api/generated/openapi";
import { type FleetMonitor, GROUPS, inGroup, LIVE_FIELDS, URL_FIELDS } from "./crash-fleet";
import { listAll } from "./crash-support";

/** An alert, as the API document declares it. */
export type AlertView = components["schemas"]["Alert"];

/** What the API shows after the last restart: D1's alerts and every monitor's live view. */
interface Observed {
  alerts: AlertView[];
  live: Map<string, Record<string, unknown>>;
}

export async function observe(server: DevServer, fleet: FleetMonitor[]): Promise<Observed> {
  const alerts = await listAll<AlertView>(server, "/api/v1/alerts");
  const live = new Map<string, Record<string, unknown>>();
  for (const m of fleet) live.set(m.id, (await admin(server, "GET", `/api/v1/monitors/${m.id}`)).body);
  return { alerts, live };
}

const distinct = <T>(values: T[]) => [...new Set(values)];

/** The alert's notifications as received: at least once each, always under one `webhook-id`, closed after opened. */
function checkNotifications(alert: AlertView, events: ReceivedRequest[]): string[] {
  const problems: string[] = [];
  const opened = events.filter((e) => e.alertId === alert.id && e.type === "alert.opened");
  const closed = events.filter((e) => e.alertId === alert.id && e.type === "alert.closed");
  if (opened.length === 0) problems.push(`alert ${alert.id}: alert.opened never received`);
  if (distinct(opened.map((e) => e.webhookId)).length > 1) problems.push(`alert ${alert.id}: alert.opened under several webhook-ids`);
  if (alert.status === "closed" && closed.length === 0) problems.push(`alert ${alert.id}: closed, but alert.closed never received`);
  if (alert.status === "open" && closed.length > 0) problems.push(`alert ${alert.id}: open in GET /alerts, but alert.closed was received`);
  if (distinct(closed.map((e) => e.webhookId)).length > 1) problems.push(`alert ${alert.id}: alert.closed under several webhook-ids`);
  const firstClosed = closed[0];
  const firstOpened = opened[0];
  if (firstClosed && (!firstOpened || firstClosed.seq < firstOpened.seq))
    problems.push(`alert ${alert.id}: alert.closed before alert.opened`);
  return problems;
}

/** Everything that must hold for one monitor after `rounds` crash rounds. */
export function checkMonitor(m: FleetMonitor, rounds: number, observed: Observed, events: ReceivedRequest[]): string[] {
  const plan = GROUPS[m.group];
  const alerts = observed.alerts.filter((a) => a.monitor_id === m.id);
  const live = observed.live.get(m.id) ?? {};
  const open = alerts.filter((a) => a.status === "open");
  const tag = `${m.group} ${m.id}`;
  const problems: string[] = [];
  const expected = plan.alertsPerRound * rounds;
  if (alerts.length !== expected) problems.push(`${tag}: ${alerts.length} alerts in GET /alerts, expected exactly ${expected}`);
  if (open.length > 1) problems.push(`${tag}: ${open.length} open alerts`);
  const liveDown = live.status === "down";
  if (liveDown !== (open.length === 1))
    problems.push(`${tag}: live status ${String(live.status)} but ${open.length} open alerts in GET /alerts`);
  for (const alert of alerts) problems.push(...checkNotifications(alert, events).map((p) => `${tag}: ${p}`));
  const known = new Set(alerts.map((a) => a.id));
  const phantom = distinct(events.filter((e) => e.monitorId === m.id && !known.has(e.alertId)).map((e) => e.alertId));
  if (phantom.length > 0) problems.push(`${tag}: notifications for alerts GET /alerts does not know: ${phantom.join(", ")}`);
  if (live.enabled !== plan.enabledAtEnd) problems.push(`${tag}: enabled is ${String(live.enabled)}, expected ${plan.enabledAtEnd}`);
  for (const [field, value] of Object.entries(m.created)) {
    if (LIVE_FIELDS.includes(field)) continue;
    const comparable = (v: unknown) => (URL_FIELDS.includes(field) && typeof v === "string" ? new URL(v).pathname : v);
    if (JSON.stringify(comparable(live[field])) !== JSON.stringify(comparable(value))) {
      problems.push(`${tag}: ${field} is ${JSON.stringify(live[field])}, created as ${JSON.stringify(value)}`);
    }
  }
  return problems;
}

/** For a failure message: what the API knows about one monitor, and what the receiver got. */
export async function describeMonitor(server: DevServer, m: FleetMonitor, events: ReceivedRequest[]): Promise<string> {
  const live = (await admin(server, "GET", `/api/v1/monitors/${m.id}`)).body;
  const alerts = (await admin(server, "GET", `/api/v1/monitors/${m.id}/alerts?limit=100`)).body.data as AlertView[];
  const lines = [`=== ${m.group} ${m.id}`, `live: ${JSON.stringify(live)}`];
  for (const alert of alerts) {
    const deliveries = (await admin(server, "GET", `/api/v1/alerts/${alert.id}/deliveries`)).body;
    lines.push(`alert: ${JSON.stringify(alert)}`, `  deliveries: ${JSON.stringify(deliveries)}`);
  }
  const received = events.filter((e) => e.monitorId === m.id);
  lines.push(
    `received: ${JSON.stringify(received.map(({ seq, receivedAt, type, alertId, webhookId }) => ({ seq, receivedAt, type, alertId, webhookId })))}`,
  );
  return lines.join("\n");
}

/** Delivery ids are the `webhook-id`s: every id received must be in the delivery log, delivered. */
export async function checkDeliveryLog(server: DevServer, alerts: AlertView[], events: ReceivedRequest[]): Promise<string[]> {
  const problems: string[] = [];
  for (const alert of alerts) {
    const res = await admin(server, "GET", `/api/v1/alerts/${alert.id}/deliveries`);
    const log = new Map<string, string>((res.body.data as { id: string; status: string }[]).map((d) => [d.id, d.status]));
    for (const id of distinct(events.filter((e) => e.alertId === alert.id).map((e) => e.webhookId))) {
      if (log.get(id) !== "delivered")
        problems.push(`alert ${alert.id}: webhook-id ${id} received, delivery log says ${log.get(id) ?? "nothing"}`);
    }
  }
  return problems;
}

/** The pings acknowledged before the crash are still there after it. */
export async function checkPingsSurvived(server: DevServer, fleet: FleetMonitor[], sentAt: Map<string, number>): Promise<string[]> {
  const problems: string[] = [];
  for (const m of inGroup(fleet, "pinged")) {
    const live = (await admin(server, "GET", `/api/v1/monitors/${m.id}`)).body;
    const last = live.last_ping_at ? Date.parse(live.last_ping_at) : 0;
    if (last < (sentAt.get(m.id) ?? 0) - 5) problems.push(`${m.id}: last_ping_at ${live.last_ping_at} predates the acknowledged ping`);
  }
  return problems;
}
