import type { z } from "zod";
import { jsonBody } from "../validation";

/** A JSON response of a route declaration. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A body's schema: a zod schema, or a reference to one the document registers (a body picked per request). */
type BodySchema = z.ZodType | { $ref: string };

/**
 * A route's JSON body together with the middleware that reads it (`jsonBody`: no content type required,
 * `invalid_json` for text that is not UTF-8 or not JSON). Spread into `createRoute`, so a route cannot
 * declare a body and forget the middleware (`curl -d` would get a 415). `other` holds the request's
 * other parts (`params`).
 */
export const jsonRequest = <T extends BodySchema, O extends object = Record<never, never>>(schema: T, description: string, other?: O) => ({
  middleware: [jsonBody],
  request: { ...(other as O), body: { description, required: true, content: { "application/json": { schema } } } },
});

export const NO_CONTENT = { description: "Done; no body." };
