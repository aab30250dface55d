import { z } from "zod";
import { MONITOR_STATUSES } from "../domain/monitor";
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
