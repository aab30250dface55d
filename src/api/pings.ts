import { z } from "zod";
import type { PingEntry } from "../do/storage/ping-log";
import { PING_LOG_KINDS } from "../domain/ping";
import { iso } from "../time";
import { Timestamp } from "./time";

/** One entry of a monitor's ping log. */
export const PingEntryView = z
  .object({
    n: z.number().int().meta({ description: "Sequence number, increasing; stable as the log rolls." }),
    at: Timestamp,
    kind: z.enum(PING_LOG_KINDS).meta({
      description: "What the ping counted as; `ignored`: it reached a monitor paused with manual_resume, and changed nothing.",
    }),
    exit_status: z.number().int().nullable(),
    method: z.string(),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    rid: z.string().nullable().meta({ description: "The run id (?rid=) the ping carried." }),
    duration: z.number().nullable().meta({ description: "Seconds since the matching /start, for a ping that ends a run." }),
    body_size: z.number().int(),
    truncated: z.boolean(),
    note: z.string().nullable().meta({ description: 'Why the ping counts as what it counts as, e.g. "failure keyword: ERROR".' }),
    coalesced: z
      .number()
      .int()
      .meta({ description: "How many pings this entry stands for: 1, or more for the newest ping of a burst past PING_BURST_RATE." }),
    body_url: z.string().meta({ description: "Where the body as received (its first 10 KB) is served." }),
  })
  .meta({ id: "PingEntry" });
export type PingEntryView = z.output<typeof PingEntryView>;

/** Paged by sequence number: `next_cursor` is the `n` to continue below. */
export const PingPage = z.object({ data: z.array(PingEntryView), next_cursor: z.string().nullable() }).meta({ id: "PingEntryPage" });

export function renderPing(entry: PingEntry, bodyUrl: string): z.input<typeof PingEntryView> {
  return {
    n: entry.n,
    at: iso(entry.at),
    kind: entry.kind,
    exit_status: entry.exitStatus,
    method: entry.method,
    ip: entry.ip,
    user_agent: entry.userAgent,
    rid: entry.runId,
    duration: entry.durationMs === null ? null : entry.durationMs / 1000,
    body_size: entry.bodySize,
    truncated: entry.truncated,
    note: entry.note,
    coalesced: entry.coalesced,
    body_url: `${bodyUrl}/${entry.n}/body`,
  };
}
