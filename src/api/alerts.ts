import { z } from "zod";
import { ALERT_REASONS, type Alert, CLOSE_REASONS } from "../domain/monitor";
import { iso } from "../time";
import { pageOf } from "./page";
import { NullableTimestamp, Timestamp } from "./time";

export const AlertView = z
  .object({
    id: z.string().meta({ examples: ["alt_3k2v6m7p2q4r5s6t7u2v3w4x5y"] }),
    monitor_id: z.string(),
    status: z.enum(["open", "closed"]),
    reason: ALERT_REASONS.meta({
      description:
        "missed: no ping in time; failed: a /fail ping, a non-zero exit status or a failure keyword; timeout: a run outlived max_runtime.",
    }),
    opened_at: Timestamp,
    closed_at: NullableTimestamp,
    close_reason: CLOSE_REASONS.nullable(),
  })
  .meta({ id: "Alert" });

export const AlertPage = pageOf(AlertView, "Alert");

/** What the API shows of an alert: shared by /alerts and /monitors/:id/alerts. */
export function renderAlert(alert: Alert): z.input<typeof AlertView> {
  return {
    id: alert.id,
    monitor_id: alert.monitorId,
    status: alert.closedAt === null ? "open" : "closed",
    reason: alert.reason,
    opened_at: iso(alert.openedAt),
    closed_at: iso(alert.closedAt),
    close_reason: alert.closeReason,
  };
}
