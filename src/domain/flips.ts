/**
 * A flip: one change of a monitor's status as the list shows it (the status D1 is told, see
 * do/jobs.ts `listedChange`), kept as its history. Pure.
 */
import { z } from "zod";
import type { MonitorState, MonitorStatus } from "./monitor";

/**
 * Why the status changed. ping: a ping made it up or running; overdue: the expected ping is late (grace
 * running); missed, failed, timeout: why it is down (as an alert's reason); paused, resumed: by hand, or
 * by a ping that resumed it.
 */
export const FLIP_REASONS = z.enum(["ping", "overdue", "missed", "failed", "timeout", "paused", "resumed"]);
export type FlipReason = z.infer<typeof FLIP_REASONS>;

export interface Flip {
  id: string;
  monitorId: string;
  at: number;
  /** null: not known (a change queued by a release before flips were kept). */
  from: MonitorStatus | null;
  to: MonitorStatus;
  reason: FlipReason | null;
  /** The alert this change opened or closed, if any. */
  alertId: string | null;
}

/** Why the monitor moved to `to`, from the state the transition left it in. */
export function flipReason(to: MonitorStatus, state: Pick<MonitorState, "failure">): FlipReason {
  switch (to) {
    case "up":
    case "running":
      return "ping";
    case "late":
      return "overdue";
    case "down":
      return state.failure?.reason ?? "missed";
    case "paused":
      return "paused";
    case "new":
      return "resumed";
  }
}
