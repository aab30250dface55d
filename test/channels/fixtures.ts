import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { channelKind } from "../../src/channels/registry";
import { buildChannelRequest } from "../../src/channels/send";
import type { ChannelConfig, DeliveryContext } from "../../src/channels/types";
import type { AlertEventPayload } from "../../src/domain/alert-event";
import { sendRequest } from "../../src/transports/http";
import { ADMIN_TOKEN, type ApiResponse, api, createMonitor, ping, settle } from "../helpers";

/** Shared by the tests in test/channels/: one outage of a monitor whose name needs escaping. */

export const ALERT_ID = "alt_abcdefghijklmnopqrstuvwxyz";
export const MONITOR_ID = "mon_abcdefghijklmnopqrstuvwxyz";
export const BASE_URL = "https://lubdub.example.com";
export const MONITOR_URL = `${BASE_URL}/monitors/${MONITOR_ID}`;

const LAST_PING = "2100-01-01T00:00:00.000Z";
const OPENED_AT = "2100-01-01T00:01:30.000Z";
const CLOSED_AT = "2100-01-01T02:06:40.000Z"; // 2h 5m 10s after the opening

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

/** The details PagerDuty's and Opsgenie's requests carry for OPENED (one builder serves both). */
export const ALERT_DETAILS = {
  monitor_id: MONITOR_ID,
  monitor: "db <backup> & co",
  alert_id: ALERT_ID,
  opened_at: OPENED.alert.opened_at,
  last_ping_at: OPENED.monitor.last_ping_at,
  expected: "every 1m",
  summary: "Nightly dump",
  // The monitor's tags: a comma-separated string, as Opsgenie's details take strings only.
  tags: "backup, prod",
};

export const JSON_HEADERS = { "content-type": "application/json", "user-agent": "lubdub/1" };
export const ROUTING_KEY = "R0123456789abcdef0123456789abcde";
export const OPSGENIE_KEY = "eb243592-faa2-4ba2-a551-1afdf565c889";
export const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
export const NTFY_TOKEN = "tk_abcdefghijklmnopqrstuvwxyz012";

/** A 400 naming `path` among its details (and matching `message` when given). */
export function expectInvalid(res: ApiResponse, path: string, message?: RegExp) {
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: "invalid_request", message: expect.stringContaining(path) });
  const detail = res.body.error.details.find((d: { path: string }) => d.path === path);
  expect(detail, JSON.stringify(res.body.error.details)).toBeDefined();
  if (message) expect(detail.message).toMatch(message);
}

const strictApp = createApp();
/** POST /api/v1/channels as production runs it: https and public addresses only (the tests allow insecure URLs). */
export async function postInProduction(body: object): Promise<ApiResponse> {
  const res = await strictApp.request(
    "http://lubdub.test/api/v1/channels",
    {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    },
    { ...env, ALLOW_INSECURE_WEBHOOKS: "false" },
  );
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** What the transport makes of a receiver of kind `type` answering `status` with `body`. */
export function answeredWith(type: string, status: number, body: string) {
  const request = {
    url: "https://receiver.example/x",
    method: "POST" as const,
    headers: {},
    body: "{}",
    permanentStatuses: channelKind(type).permanentStatuses,
  };
  return sendRequest(request, async () => new Response(body, { status }), Date.parse("2100-01-01T00:00:00Z"));
}

/**
 * Secrets are shown once, in the creation response, and masked on every read after it: `body` is a
 * create body without its name, `masked` the configuration every later read shows.
 */
export function describeMasking(body: { type: string } & Record<string, unknown>, masked: Record<string, unknown>, secretKeys: string[]) {
  const secrets = Object.entries(body)
    .filter(([key]) => secretKeys.includes(key))
    .map(([, value]) => String(value));

  describe(`${body.type}: masking`, () => {
    it("creation shows the configuration in full, once", async () => {
      const res = await api("POST", "/api/v1/channels", { name: "n", ...body });
      expect(res.status).toBe(201);
      const { type: _, ...config } = body;
      expect(res.body.config).toMatchObject(config);
    });

    it("GET, the list and PATCH responses mask the secrets", async () => {
      const { id } = (await api("POST", "/api/v1/channels", { name: "n", ...body })).body;
      const one = (await api("GET", `/api/v1/channels/${id}`)).body;
      const list = (await api("GET", "/api/v1/channels?limit=100")).body.data.find((c: { id: string }) => c.id === id);
      const patched = (await api("PATCH", `/api/v1/channels/${id}`, { name: "renamed" })).body;
      for (const shown of [one, list, patched]) {
        expect(shown.config).toEqual(masked);
        for (const secret of secrets) expect(JSON.stringify(shown)).not.toContain(secret);
      }
    });

    it("a masked configuration sent back is refused rather than stored", async () => {
      const { id } = (await api("POST", "/api/v1/channels", { name: "n", ...body })).body;
      const res = await api("PATCH", `/api/v1/channels/${id}`, masked);
      expect(res.status).toBe(400);
      const secretField = Object.keys(masked).find((key) => secretKeys.includes(key));
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(secretField);
    });
  });
}

/** A channel on a monitor that has pinged once: the next minute without a ping opens an alert (under a fake clock). */
export async function watched(channelBody: Record<string, unknown>) {
  const channel = (await api("POST", "/api/v1/channels", { name: "ops", ...channelBody })).body;
  const monitor = await createMonitor({ name: "db backup", interval: 60, channels: [channel.id] });
  await ping(monitor.ping_url);
  await settle(monitor.id);
  return { channel, monitor };
}
