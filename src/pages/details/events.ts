/**
 * The details page's one event log: pings (from the monitor's object), flips, alerts and their deliveries
 * (from D1), merged newest first. Pure.
 */
import type { DeliveryRecord } from "../../db/deliveries";
import type { PingEntry } from "../../do/storage/ping-log";
import type { Flip } from "../../domain/flips";
import type { Alert } from "../../domain/monitor";

export type LogEvent =
  | { kind: "ping"; at: number; entry: PingEntry }
  | { kind: "flip"; at: number; flip: Flip }
  | { kind: "alert-opened" | "alert-closed"; at: number; alert: Alert }
  | { kind: "delivery"; at: number; delivery: DeliveryRecord; channel: string };

export interface EventSources {
  pings: readonly PingEntry[];
  flips: readonly Flip[];
  alerts: readonly Alert[];
  deliveries: readonly DeliveryRecord[];
  /** Channel names by id (a deleted channel shows its id). */
  channelNames: ReadonlyMap<string, string>;
}

/** At one instant, effects above their causes (newest first): a delivery, its alert, the flip, the ping. */
const ORDER: Record<LogEvent["kind"], number> = { delivery: 0, "alert-closed": 1, "alert-opened": 1, flip: 2, ping: 3 };

/** Every event of the sources, newest first, at most `limit`. */
export function mergeEvents(sources: EventSources, limit: number): LogEvent[] {
  const events: LogEvent[] = [
    ...sources.pings.map((entry): LogEvent => ({ kind: "ping", at: entry.at, entry })),
    ...sources.flips.map((flip): LogEvent => ({ kind: "flip", at: flip.at, flip })),
    ...sources.alerts.flatMap((alert): LogEvent[] => [
      { kind: "alert-opened", at: alert.openedAt, alert },
      ...(alert.closedAt === null ? [] : [{ kind: "alert-closed" as const, at: alert.closedAt, alert }]),
    ]),
    ...sources.deliveries.map(
      (delivery): LogEvent => ({
        kind: "delivery",
        at: delivery.createdAt,
        delivery,
        channel: sources.channelNames.get(delivery.channelId) ?? delivery.channelId,
      }),
    ),
  ];
  return events.sort((a, b) => b.at - a.at || ORDER[a.kind] - ORDER[b.kind]).slice(0, limit);
}

/** A ping in words: "success", "fail (exit status 3)", "start", "log", "ignored (paused)". */
export function pingWords(entry: PingEntry): string {
  const exit = entry.exitStatus !== null && entry.exitStatus !== 0 ? ` (exit status ${entry.exitStatus})` : "";
  const burst = entry.coalesced > 1 ? `, ${entry.coalesced} pings` : "";
  return `Ping: ${entry.kind}${exit}${burst}`;
}

/** A delivery's result: "delivered (HTTP 200)", "failed after 5 attempts: HTTP 500", "pending, attempt 2". */
export function deliveryResult(d: DeliveryRecord): string {
  const code = d.lastStatusCode === null ? "" : `HTTP ${d.lastStatusCode}`;
  const detail = [code, d.lastError ?? ""].filter((s) => s !== "").join(", ");
  const attempts = `${d.attempts} attempt${d.attempts === 1 ? "" : "s"}`;
  switch (d.status) {
    case "delivered":
      return `delivered${detail ? ` (${detail})` : ""}${d.attempts > 1 ? ` after ${attempts}` : ""}`;
    case "failed":
      return `failed after ${attempts}${detail ? `: ${detail}` : ""}`;
    case "pending":
      return `pending${d.attempts > 0 ? ` after ${attempts}${detail ? ` (last: ${detail})` : ""}` : ""}`;
    case "suppressed":
    case "skipped":
      return `${d.status}${d.lastError ? `: ${d.lastError}` : ""}`;
  }
}
