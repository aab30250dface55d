import { buildChannelRequest } from "../src/channels";
import type { ChannelConfig, DeliveryContext } from "../src/channels/types";
import type { AlertEventPayload } from "../src/domain/alert-event";

/** Shared by the test/channels-*.test.ts files: one outage of a monitor whose name needs escaping. */

export const ALERT_ID = "alt_abcdefghijklmnopqrstuvwxyz";
export const MONITOR_ID = "mon_abcdefghijklmnopqrstuvwxyz";
export const BASE_URL = "https://lubdub.example.com";
export const MONITOR_URL = `${BASE_URL}/monitors/${MONITOR_ID}`;

export const LAST_PING = "2100-01-01T00:00:00.000Z";
export const OPENED_AT = "2100-01-01T00:01:30.000Z";
export const CLOSED_AT = "2100-01-01T02:06:40.000Z"; // 2h 5m 10s after the opening

export const OPENED: AlertEventPayload = {
  type: "alert.opened",
  occurred_at: OPENED_AT,
  alert: { id: ALERT_ID, reason: "missed", opened_at: OPENED_AT, closed_at: null, close_reason: null },
  monitor: {
    id: MONITOR_ID,
    name: "db <backup> & co",
    summary: "Nightly dump",
    status: "down",
    interval: 60,
    schedule: null,
    timezone: null,
    grace: 30,
    last_ping_at: LAST_PING,
    tags: ["backup", "prod"],
  },
};

export const CLOSED: AlertEventPayload = {
  ...OPENED,
  type: "alert.closed",
  occurred_at: CLOSED_AT,
  alert: { ...OPENED.alert, closed_at: CLOSED_AT, close_reason: "ping" },
  monitor: { ...OPENED.monitor, status: "up", last_ping_at: CLOSED_AT },
};

export const OPEN_TEXT = "db <backup> & co is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m";
export const CLOSE_TEXT = "db <backup> & co is UP again after 2h 5m";

export const context = (overrides: Partial<DeliveryContext> = {}): DeliveryContext => ({
  messageId: "evt_test",
  now: Date.parse(OPENED_AT),
  publicBaseUrl: BASE_URL,
  ...overrides,
});

/** Builds through the registry, so a type missing from `buildChannelRequest` fails too. */
export async function requestFor(config: ChannelConfig, event: AlertEventPayload, ctx: DeliveryContext = context()) {
  const request = await buildChannelRequest(config, event, ctx);
  return { ...request, json: JSON.parse(request.body) as unknown };
}
