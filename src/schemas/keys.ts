import { z } from "zod";

/** `POST /teams/{id}/keys`. */
export const keyCreateInput = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    scope: z.enum(["read", "write"]).meta({ description: "read: list and get everything of the team; write: everything in the team." }),
  })
  .meta({ id: "KeyCreate" });

export type KeyCreateInput = z.infer<typeof keyCreateInput>;

/** `/teams/{id}`: a malformed team id is not found, like an unknown one. */
export const teamIdParams = z.object({ id: z.string().meta({ description: "The team's id (team_…)." }) });
