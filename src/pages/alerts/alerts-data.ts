/** What the alerts page shows: open alerts, a page of closed ones, each with its monitor's name and its deliveries. */

import type { z } from "zod";
import { type AlertView, renderAlert } from "../../api/alerts";
import type { DeliveryView } from "../../api/deliveries";
import { renderDelivery } from "../../api/deliveries";
import { listAlerts } from "../../db/alerts";
import { decodeCursor, encodeCursor } from "../../db/cursor";
import { listDeliveriesForAlerts } from "../../db/deliveries";
import { channelNames, monitorNames } from "../../db/names";
import type { Alert } from "../../domain/monitor";
import { invalidInput } from "../../errors";

/** Open alerts are few; more than this and the page says so. */
export const OPEN_SHOWN = 100;
export const HISTORY_PAGE = 25;

export interface AlertRow {
  alert: z.input<typeof AlertView>;
  openedAt: number;
  closedAt: number | null;
  monitorName: string | null;
  deliveries: (z.input<typeof DeliveryView> & { channelName: string | null })[];
}

export interface AlertsPageData {
  open: AlertRow[];
  openTruncated: boolean;
  history: AlertRow[];
  nextCursor: string | null;
}

function cursorOf(text: string | undefined) {
  if (!text) return null;
  const after = decodeCursor(text);
  if (!after) throw invalidInput("query", [{ path: "cursor", message: "malformed cursor" }]);
  return after;
}

export async function alertsPageData(db: D1Database, teamId: string, cursor: string | undefined): Promise<AlertsPageData> {
  const after = cursorOf(cursor);
  const [open, closed] = await Promise.all([
    listAlerts(db, { teamId, status: "open", after: null, limit: OPEN_SHOWN + 1 }),
    listAlerts(db, { teamId, status: "closed", after, limit: HISTORY_PAGE + 1 }),
  ]);
  const shownOpen = open.slice(0, OPEN_SHOWN);
  const history = closed.slice(0, HISTORY_PAGE);
  const all = [...shownOpen, ...history];
  const [names, deliveries] = await Promise.all([
    monitorNames(
      db,
      teamId,
      all.map((a) => a.monitorId),
    ),
    listDeliveriesForAlerts(
      db,
      teamId,
      all.map((a) => a.id),
    ),
  ]);
  const channels = await channelNames(
    db,
    teamId,
    deliveries.map((d) => d.channelId),
  );
  const rowOf = (alert: Alert): AlertRow => ({
    alert: renderAlert(alert),
    openedAt: alert.openedAt,
    closedAt: alert.closedAt,
    monitorName: names.get(alert.monitorId) ?? null,
    deliveries: deliveries
      .filter((d) => d.alertId === alert.id)
      .map((d) => ({ ...renderDelivery(d), channelName: channels.get(d.channelId) ?? null })),
  });
  const last = history.at(-1);
  return {
    open: shownOpen.map(rowOf),
    openTruncated: open.length > OPEN_SHOWN,
    history: history.map(rowOf),
    nextCursor: closed.length > HISTORY_PAGE && last ? encodeCursor({ at: last.openedAt, id: last.id }) : null,
  };
}
