import { z } from "zod";
import { idPattern } from "../ids";
import { pageQuery } from "./common";

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
