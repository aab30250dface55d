import { violationsOf } from "./prism";

// A client session through the validating proxy (prism.ts) that keeps the score: which documented
// operations it exercised, with which statuses, and every way an exchange broke the document.

interface Operation {
  responses: Record<string, unknown>;
}
export interface Document {
  paths: Record<string, Record<string, Operation>>;
}

interface CallOptions {
  /** A JSON body, sent as application/json (what the document says the admin API takes). */
  json?: unknown;
  /** Any other body, with its content type. */
  raw?: { body: string; type: string };
  /** The bearer token; null for none. The admin token by default. */
  token?: string | null;
  /**
   * The request breaks the document on purpose (no token, a missing field): Prism may say so about the
   * request. The response must still be one the document lists.
   */
  invalid?: boolean;
}

/** An answer's parsed JSON, whatever its shape: the session checks shapes against the document, the steps read them. */
// biome-ignore lint/suspicious/noExplicitAny: the parsed JSON of any answer
export type Json = any;

interface Answer {
  status: number;
  body: Json;
}

const PROXY_RESTART = "Your worker restarted mid-request";
const templateOf = (path: string) => new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);

export class ContractSession {
  /** "<method> <path template>" → the statuses it answered. */
  readonly exercised = new Map<string, Set<number>>();
  /** Every way an exchange broke the document or the session's expectation, one line each. */
  readonly problems: string[] = [];

  constructor(
    private readonly proxy: string,
    private readonly adminToken: string,
    readonly document: Document,
  ) {}

  /** The document's operations, "<method> <path template>". */
  operations(): string[] {
    return Object.entries(this.document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
  }

  /** Sends `method path` through the proxy as operation `op` ("<method> <template>") and expects `expected`. */
  async call(op: string, path: string, expected: number, options: CallOptions = {}): Promise<Answer> {
    const [method = "", template = ""] = op.split(" ");
    const where = `${op} (${path})`;
    if (!this.document.paths[template]?.[method]) this.problems.push(`${where}: not a documented operation`);
    if (!templateOf(template).test(path.split("?")[0] ?? "")) this.problems.push(`${where}: the path does not fit the template`);
    let res = await fetch(`${this.proxy}${path}`, this.init(method, options));
    let text = await res.text();
    // wrangler's dev proxy, not lubdub, when it failed to hand the request to workerd (scripts/harness/admin.mjs).
    for (let tries = 0; tries < 2 && res.status === 503 && text.includes(PROXY_RESTART); tries++) {
      res = await fetch(`${this.proxy}${path}`, this.init(method, options));
      text = await res.text();
    }
    this.exercised.set(op, (this.exercised.get(op) ?? new Set()).add(res.status));
    if (res.status !== expected) this.problems.push(`${where}: answered ${res.status}, expected ${expected}: ${text.slice(0, 200)}`);
    const listed = Object.keys(this.document.paths[template]?.[method]?.responses ?? {});
    if (!listed.includes(String(res.status))) this.problems.push(`${where}: status ${res.status} is not documented (${listed})`);
    for (const violation of violationsOf(res)) {
      if (options.invalid && violation.location[0] === "request") continue;
      this.problems.push(`${where} → ${res.status}: ${violation.location.join(".")}: ${violation.message}`);
    }
    const json = (res.headers.get("content-type") ?? "").includes("json") && text !== "";
    return { status: res.status, body: json ? JSON.parse(text) : text };
  }

  private init(method: string, { json, raw, token = this.adminToken }: CallOptions): RequestInit {
    const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
    if (json !== undefined) headers["content-type"] = "application/json";
    if (raw) headers["content-type"] = raw.type;
    const body = json !== undefined ? JSON.stringify(json) : raw?.body;
    return { method: method.toUpperCase(), headers, body, signal: AbortSignal.timeout(30_000) };
  }

  /** Operations the session never called, or called without both a success (2xx) and an error (4xx). */
  uncovered(): string[] {
    return this.operations().flatMap((op) => {
      const statuses = [...(this.exercised.get(op) ?? [])];
      const missing = [...(statuses.some((s) => s < 300) ? [] : ["a success"]), ...(statuses.some((s) => s >= 400) ? [] : ["an error"])];
      return missing.length ? [`${op}: no ${missing.join(" and no ")}`] : [];
    });
  }
}
