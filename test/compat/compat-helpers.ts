/**
 * What a user of a healthchecks.io client looks at after a ping: the monitor's live state, its alerts,
 * its ping log and the stored body. Shared by the compatibility suite (test/compat/).
 */
import { expect } from "vitest";
import { ADMIN_TOKEN, alerts, client, ORIGIN, ok, ping, settle } from "../helpers";

export const RID_A = "6f1c3a52-8e0d-4b7a-9c21-3d4e5f6a7b8c";
export const RID_B = "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";
export const RID_C = "d4c3b2a1-0f9e-4d8c-b7a6-958473625140";

/** The monitor as `GET /api/v1/monitors/:id` shows it (live state from its object), and its ping log, newest first. */
export { live as monitorView, pingLog } from "../helpers";

/** The monitor's alerts, newest first, after its outbox has written them to D1. */
export async function alertsOf(id: string) {
  await settle(id);
  return alerts(id);
}

/** The stored body of ping `n`, bytes untouched, with its `x-truncated` header. */
export async function storedBody(id: string, n: number): Promise<{ bytes: Uint8Array; text: string; truncated: string | null }> {
  const res = await ping(`${ORIGIN}/api/v1/monitors/${id}/pings/${n}/body`, "GET", undefined, { authorization: `Bearer ${ADMIN_TOKEN}` });
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { bytes, text: new TextDecoder().decode(bytes), truncated: res.headers.get("x-truncated") };
}

/** Sends a ping and returns what the client sees: status, body text and headers. */
export async function send(url: string, method = "GET", body?: BodyInit, headers: Record<string, string> = {}) {
  const res = await ping(url, method, body, headers);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** The team's ping key (slug URLs are `/ping/<ping_key>/<slug>`). */
export async function teamPingKey(): Promise<string> {
  const key = (await ok(client.GET("/api/v1/team"))).ping_key;
  if (key === null) throw new Error("the admin token sees no ping_key");
  return key;
}

export const slugUrl = (key: string, slug: string, rest = "") => `${ORIGIN}/ping/${key}/${slug}${rest}`;
