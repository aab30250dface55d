import { z } from "zod";
import { FLIP_REASONS, type Flip } from "../domain/flips";
import { MONITOR_STATUSES } from "../domain/monitor";
import type { UptimePeriod } from "../domain/uptime";
import { iso } from "../time";
import { pageOf } from "./page";
import { Timestamp } from "./time";

export const FlipView = z
  .object({
    id: z.string().meta({ examples: ["flp_3k2v6m7p2q4r5s6t7u2v3w4x5y"] }),
    monitor_id: z.string(),
    at: Timestamp,
    from: MONITOR_STATUSES.nullable().meta({ description: "The status before; null when not known (changed before flips were kept)." }),
    to: MONITOR_STATUSES,
    reason: FLIP_REASONS.nullable().meta({
      description:
        "ping: a ping made it up or running; overdue: the expected ping is late; missed, failed, timeout: why it went down; paused, resumed: by hand (or a ping resumed it). Null when not known.",
    }),
    alert_id: z.string().nullable().meta({ description: "The alert this change opened or closed, if any." }),
  })
  .meta({ id: "Flip", description: "A change of the monitor's status as the monitor list shows it (a run on an up monitor is none)." });

export const FlipPage = pageOf(FlipView, "Flip");

export function renderFlip(flip: Flip): z.input<typeof FlipView> {
  return {
    id: flip.id,
    monitor_id: flip.monitorId,
    at: iso(flip.at),
    from: flip.from,
    to: flip.to,
    reason: flip.reason,
    alert_id: flip.alertId,
  };
}

const UptimePeriodView = z
  .object({
    start: Timestamp,
    end: Timestamp,
    monitored_ms: z.number().int().meta({ description: "Time the monitor was watched: up, late, running or down (not paused, not new)." }),
    down_ms: z.number().int().meta({ description: "Time spent down, part of `monitored_ms`." }),
    paused_ms: z.number().int().meta({ description: "Time spent paused, not monitored." }),
    uptime: z
      .number()
      .nullable()
      .meta({ description: "1 - down_ms / monitored_ms; null when nothing was monitored.", examples: [0.9993] }),
  })
  .meta({ id: "UptimePeriod" });

export const UptimeView = z
  .object({
    period: z.enum(["day", "month"]),
    tz: z.string(),
    data: z.array(UptimePeriodView).meta({ description: "Oldest first. Maintenance windows are not subtracted (flips do not show them)." }),
  })
  .meta({ id: "Uptime" });

export const renderUptimePeriod = (p: UptimePeriod): z.input<typeof UptimePeriodView> => ({
  start: iso(p.start),
  end: iso(p.end),
  monitored_ms: p.monitoredMs,
  down_ms: p.downMs,
  paused_ms: p.pausedMs,
  uptime: p.monitoredMs === 0 ? null : 1 - p.downMs / p.monitoredMs,
});
