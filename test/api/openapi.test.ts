import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { isAdminRoute } from "../admin-routes";
import { ORIGIN } from "../helpers";

// The document at /api/v1/openapi.json against the app it describes. (Its validity as OpenAPI 3.1 is
// checked in Node by scripts/openapi.mjs, run by `npm run typecheck`: the validator needs `new Function`.)

const app = createApp();

interface Operation {
  requestBody?: { content: Record<string, unknown> };
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> };
}

async function getDocument(): Promise<Document> {
  const res = await app.request(`${ORIGIN}/api/v1/openapi.json`, {}, env);
  expect(res.status).toBe(200);
  return (await res.json()) as Document;
}

const adminOperations = (doc: Document) =>
  Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/api/v1/"))
    .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

describe("the OpenAPI document", () => {
  it("is public: served without a token, as OpenAPI 3.1", async () => {
    const res = await app.request(`${ORIGIN}/api/v1/openapi.json`, {}, env);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const doc = (await res.json()) as Document;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("has every admin route of the app, method and path", async () => {
    const doc = await getDocument();
    const routes = app.routes.filter((r) => isAdminRoute(r) && r.method !== "ALL" && !r.path.endsWith("*"));
    expect(routes.length).toBeGreaterThanOrEqual(24);
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, "{$1}");
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
    }
    // ...and documents nothing the app does not have.
    const declared = new Set(routes.map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`));
    for (const { path, method } of adminOperations(doc)) expect(declared, `${method} ${path}`).toContain(`${method} ${path}`);
  });

  it("every admin operation needs the bearer token with its declared scope, and answers errors with the one envelope", async () => {
    for (const { path, method, op } of adminOperations(await getDocument())) {
      const scope = (op as { "x-lubdub-scope"?: string })["x-lubdub-scope"] ?? "";
      expect(["read", "write", "super"], `${method} ${path}`).toContain(scope);
      expect(op.security, `${method} ${path}`).toEqual([{ bearer: [scope] }]);
      const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
      expect(errors.map(([status]) => status)).toEqual(expect.arrayContaining(scope === "read" ? ["401"] : ["401", "403"]));
      for (const [, response] of errors) expect(response.content?.["application/json"]?.schema.$ref).toBe("#/components/schemas/Error");
    }
  });

  it("documents the ping routes as text/plain, without a token, taking a body of any content type", async () => {
    const doc = await getDocument();
    const paths = ["/ping/{token}", "/ping/{token}/start", "/ping/{token_or_ping_key}/{exit_code_or_slug}", "/ping/{ping_key}/{slug}/fail"];
    for (const path of paths) {
      for (const method of ["get", "head", "post"]) {
        const op = doc.paths[path]?.[method];
        expect(op?.security, `${method} ${path}`).toEqual([]);
        expect(Object.keys(op?.responses["200"]?.content ?? {})).toEqual(["text/plain"]);
      }
      const body = doc.paths[path]?.post?.requestBody;
      // The README's cron wrapper sends application/x-www-form-urlencoded (curl -d): any type is a ping.
      expect(Object.keys(body?.content ?? {}), path).toEqual(["*/*"]);
    }
  });

  it("has no two templated paths of the same hierarchy (OpenAPI 3.1 forbids them: a validator picks the wrong one)", async () => {
    const doc = await getDocument();
    const shapes = new Map<string, string>();
    for (const path of Object.keys(doc.paths)) {
      const shape = path.replace(/\{[^}]+\}/g, "{}");
      expect(shapes.get(shape), `${path} and ${shapes.get(shape)}`).toBeUndefined();
      shapes.set(shape, path);
    }
  });

  it("has no pattern a validator would misread: zod writes a regex's flags into it (`…$/i`), which no JSON Schema pattern means", async () => {
    const doc = await getDocument();
    const patterns = [...JSON.stringify(doc).matchAll(/"pattern":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? "");
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.filter((pattern) => /\/[a-z]+$/.test(pattern))).toEqual([]);
  });

  it("explains durations, cron, time zones and the interval-or-schedule rule", async () => {
    const doc = await getDocument();
    const create = doc.components.schemas.MonitorCreate as {
      description: string;
      properties: Record<string, { description?: string; examples?: unknown[] }>;
    };
    expect(create.description).toContain("exactly one of `interval`");
    expect(create.properties.interval?.description).toContain('"30s"');
    expect(create.properties.interval?.examples).toEqual(["5m", 300]);
    expect(create.properties.schedule?.description).toContain("cron");
    expect(create.properties.schedule?.examples).toContain("0 2 * * *");
    expect(create.properties.timezone?.examples).toContain("Europe/Berlin");
  });

  it("documents PATCH /channels/{id} as any of the per-type partial schemas (a rename matches them all)", async () => {
    const doc = await getDocument();
    const patch = doc.components.schemas.ChannelPatch as { anyOf: { $ref: string }[]; oneOf?: unknown };
    expect(patch.oneOf).toBeUndefined();
    expect(patch.anyOf.map((s) => s.$ref)).toContain("#/components/schemas/WebhookChannelPatch");
    expect(patch.anyOf.length).toBeGreaterThanOrEqual(8);
  });
});
