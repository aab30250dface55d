import { z } from "zod";

/**
 * Path ids accept any string: a malformed id is answered 404 like an unknown one (lookup.ts checks the
 * shape), as it always has been, not 400.
 */
export const idParams = z.object({
  id: z.string().meta({ description: "The resource's id (its prefix names its kind: mon_, chn_, alt_, dlv_)." }),
});

/** `/monitors/{id}/pings/{n}/body`. */
export const pingBodyParams = idParams.extend({
  n: z.coerce.number().int().min(1).meta({ description: "The ping's sequence number (`n` in the ping log)." }),
});
