/**
 * What a user of a healthchecks.io client looks at after a ping: the monitor's live state, its alerts,
 * its ping log and the stored body. Shared by the compatibility suite (test/compat/).
 */
import { expect } from "vitest";
import type { PingEntryView } from "../../src/api/pings";
import { ADMIN_TOKEN, api, ORIGIN, ping, settle } from "../helpers";

export const RID_A = "6f1c3a52-8e0d-4b7a-9c21-3d4e5f6a7b8c";
export const RID_B = "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";
export const RID_C = "d4c3b2a1-0f9e-4d8c-b7a6-958473625140";

/** A ping log entry, as the API documents it. */
export type PingView = PingEntryView;

export interface AlertView {
  id: string;
  status: "open" | "closed";
  reason: string;
  close_reason: string | null;
}

/** The monitor as `GET /api/v1/monitors/:id` shows it (live state from its object). */
export async function monitorView(id: string) {
  const res = await api("GET", `/api/v1/monitors/${id}`);
  expect(res.status).toBe(200);
  return res.body as { status: string; enabled: boolean; channels: string[]; last_ping_at: string | null; next_due_at: string | null };
}

/** The monitor's alerts, newest first, after its outbox has written them to D1. */
export async function alertsOf(id: string): Promise<AlertView[]> {
  await settle(id);
  const res = await api("GET", `/api/v1/monitors/${id}/alerts`);
  expect(res.status).toBe(200);
  return res.body.data;
}

/** The ping log, newest first. */
export async function pingLog(id: string): Promise<PingView[]> {
  const res = await api("GET", `/api/v1/monitors/${id}/pings`);
  expect(res.status).toBe(200);
  return res.body.data;
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
  const res = await api("GET", "/api/v1/team");
  expect(res.status).toBe(200);
  return res.body.ping_key;
}

export const slugUrl = (key: string, slug: string, rest = "") => `${ORIGIN}/ping/${key}/${slug}${rest}`;
