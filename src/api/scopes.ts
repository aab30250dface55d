import type { OpenAPIHono } from "@hono/zod-openapi";

type OpenAPIRegistry = OpenAPIHono["openAPIRegistry"];

/**
 * What a route needs: `read` (any key of the team), `write` (a write key of the team) or `super` (the
 * ADMIN_TOKEN only). The super-admin may call every route. Declared on each route with `scoped()`, shown
 * in the OpenAPI document, and enforced for every route by the one middleware in src/auth.ts.
 */
export type RouteScope = "read" | "write" | "super";

export const SCOPE_EXTENSION = "x-lubdub-scope";

/** A route's security: the bearer scheme with the scope as its role (OpenAPI 3.1), plus the extension the middleware reads. */
export const scoped = (scope: RouteScope) => ({ security: [{ bearer: [scope] }], [SCOPE_EXTENSION]: scope });

const isScope = (value: unknown): value is RouteScope => value === "read" || value === "write" || value === "super";

/**
 * Every declared admin route's scope, by `METHOD /path/:param` as Hono names the route. Read from the
 * app's OpenAPI registry, so the declaration is the only place a scope is written.
 */
export class RouteScopes {
  private scopes = new Map<string, RouteScope>();

  load(registry: OpenAPIRegistry): void {
    for (const definition of registry.definitions) {
      if (definition.type !== "route") continue;
      const { method, path } = definition.route;
      const scope: unknown = (definition.route as Record<string, unknown>)[SCOPE_EXTENSION];
      if (isScope(scope)) this.scopes.set(`${method.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ":$1")}`, scope);
    }
  }

  /** Undefined for a route declared without a scope: the middleware refuses it for everyone. */
  of(method: string, path: string): RouteScope | undefined {
    return this.scopes.get(`${method} ${path}`);
  }
}
