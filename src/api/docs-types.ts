/**
 * The parts of the OpenAPI document the docs page reads, as plain JSON shapes (the document the app
 * builds is assignable to them). Loose on purpose: the page shows what is there and skips what is not.
 */

export const DOC_METHODS = ["get", "head", "post", "put", "patch", "delete"] as const;
export type DocMethod = (typeof DOC_METHODS)[number];

export interface DocSchema {
  $ref?: string;
  type?: unknown;
  format?: string;
  description?: string;
  default?: unknown;
  examples?: unknown[];
  enum?: unknown[];
  const?: unknown;
  items?: DocSchema;
  oneOf?: DocSchema[];
  anyOf?: DocSchema[];
  properties?: Record<string, DocSchema>;
  required?: string[];
}

export interface DocParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: DocSchema;
}

interface DocMedia {
  schema?: DocSchema;
}

export interface DocResponse {
  description?: string;
  content?: Record<string, DocMedia>;
}

export interface DocOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: DocParameter[];
  requestBody?: { description?: string; content?: Record<string, DocMedia> };
  responses?: Record<string, DocResponse>;
}

export interface DocDocument {
  openapi: string;
  info: { title: string; description?: string };
  tags?: { name: string; description?: string }[];
  /** Operations are read through `DocOperation` (the document's own types are unions with references). */
  paths?: Record<string, { [M in DocMethod]?: unknown }>;
  components?: { schemas?: Record<string, DocSchema> };
}
