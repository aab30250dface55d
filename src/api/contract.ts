import type { z } from "zod";
import { jsonBody } from "../validation";

/** A JSON response of a route declaration. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/**
 * A route's JSON body, read by `jsonBody()` (which the route must list as its middleware, `...JSON_BODY`):
 * today's errors for text that is not UTF-8 or not JSON, and no content type required.
 */
export const jsonRequest = <T extends z.ZodType>(schema: T, description: string) => ({
  body: { description, required: true, content: { "application/json": { schema } } },
});
export const JSON_BODY = { middleware: [jsonBody()] };

export const NO_CONTENT = { description: "Done; no body." };
