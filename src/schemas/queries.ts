import { z } from "zod";
import { MONITOR_STATUSES } from "../domain/monitor";
import { validateTimezone } from "../domain/schedule";
import { idPattern } from "../ids";
import { pageQuery } from "./common";
import { MAX_TAGS, tagName } from "./monitor";

/** `GET /monitors`: a page, optionally narrowed by tags (all of them), status and a name or slug substring. */
export const monitorListQuery = z.strictObject({
  ...pageQuery,
  tag: z
    .union([tagName, z.array(tagName).max(MAX_TAGS)])
    .optional()
    .transform((tag) => (tag === undefined ? [] : [tag].flat()))
    .meta({ description: "Only monitors with this tag. Repeat it (`?tag=backup&tag=prod`) for monitors with all of them." }),
  status: MONITOR_STATUSES.optional().meta({ description: "Only monitors in this status (as of their last status change)." }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Only monitors whose name or slug contains this (case-insensitive)." }),
});

/** `GET /alerts` (and a monitor's own alerts): a page, optionally by status and monitor. */
export const alertListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(["open", "closed"]).optional(),
  monitor_id: z.string().regex(idPattern("mon"), "not a monitor id").optional(),
});

/** `GET /monitors/:id/pings`: the ping log is paged by sequence number, newest first. */
export const pingListQuery = z.strictObject({
  cursor: z.coerce.number().int().min(1).optional().meta({ description: "`next_cursor` of the previous page: the `n` to continue below." }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const isoQueryTime = (description: string) =>
  z.iso
    .datetime({ offset: true })
    .transform((text) => Date.parse(text))
    .optional()
    .meta({ description: `${description} ISO 8601 with an offset (2026-03-01T00:00:00Z).` });

/** `GET /monitors/:id/flips`: a page of status changes, newest first, optionally in [from, to). */
export const flipListQuery = z.strictObject({
  ...pageQuery,
  from: isoQueryTime("Only changes at or after this time."),
  to: isoQueryTime("Only changes before this time."),
});

/** `GET /monitors/:id/uptime`: per day or month of [from, to) in a time zone. */
export const uptimeQuery = z.strictObject({
  period: z.enum(["day", "month"]).default("day").meta({ description: "Days or months (in `tz`)." }),
  from: isoQueryTime("The first period is the one holding this time (default: 30 days ago by day, 12 months ago by month)."),
  to: isoQueryTime("The last period is the one before this time (default: now)."),
  tz: z
    .string()
    .max(100)
    .superRefine((value, ctx) => {
      const problem = validateTimezone(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .default("UTC")
    .meta({ description: "The IANA time zone whose days and months these are (default UTC).", examples: ["Europe/Berlin"] }),
});
