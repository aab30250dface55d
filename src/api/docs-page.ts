import { curlExample } from "./docs-curl";
import { errorsSection, operationErrors, sharedErrors } from "./docs-errors";
import { DOC_METHODS, type DocDocument, type DocOperation, type DocSchema } from "./docs-types";
import { escapeHtml as esc, renderMarkdown as md, renderInline } from "./markdown";

/**
 * `GET /api/docs`: the OpenAPI document, readable. One page rendered by the worker from the document
 * itself (no script, no CDN): each operation with its parameters, body, a curl example and its answers;
 * the errors once (the envelope, the codes, each status); then every schema. Descriptions are Markdown
 * (markdown.ts), every text escaped.
 */

const refName = (ref: string) => ref.split("/").pop() ?? ref;

function typeOf(s: DocSchema | undefined): string {
  if (!s) return "";
  if (s.$ref) return refName(s.$ref);
  const options = s.oneOf ?? s.anyOf;
  if (options) return options.map(typeOf).join(" | ");
  if (s.type === "array") return `${typeOf(s.items)}[]`;
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const type = Array.isArray(s.type) ? s.type.join(" | ") : typeof s.type === "string" ? s.type : "any";
  return s.format ? `${type} (${s.format})` : type;
}

/** A schema's name as a link to its section below, or its type as code. */
const link = (s: DocSchema | undefined) =>
  s?.$ref ? `<a href="#${esc(refName(s.$ref))}">${esc(refName(s.$ref))}</a>` : `<code>${esc(typeOf(s))}</code>`;

function notes(s: DocSchema | undefined, description = s?.description): string {
  const parts = description ? [md(description)] : [];
  if (s?.default !== undefined) parts.push(`default <code>${esc(JSON.stringify(s.default))}</code>`);
  if (s?.examples) parts.push(`e.g. ${s.examples.map((x) => `<code>${esc(JSON.stringify(x))}</code>`).join(", ")}`);
  return parts.join(" ");
}

const row = (cells: string[]) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>`;

function fields(s: DocSchema): string {
  const rows = Object.entries(s.properties ?? {}).map(([name, field]) =>
    row([`<code>${esc(name)}${s.required?.includes(name) ? "" : "?"}</code>`, `<code>${esc(typeOf(field))}</code>`, notes(field)]),
  );
  return `<table>${rows.join("")}</table>`;
}

interface Context {
  doc: DocDocument;
  origin: string;
  shared: Map<string, string>;
}

function operation(ctx: Context, path: string, method: string, op: DocOperation): string {
  const out = [
    `<details class="op"><summary><span class="method ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code> ${esc(op.summary ?? "")}</summary>`,
  ];
  if (op.description) out.push(md(op.description));
  if (op.parameters?.length) {
    const rows = op.parameters.map((p) =>
      row([
        `<code>${esc(p.name)}${p.required ? "" : "?"}</code>`,
        esc(p.in),
        `<code>${esc(typeOf(p.schema))}</code>`,
        notes(p.schema, p.description),
      ]),
    );
    out.push(`<h4>Parameters</h4><table>${rows.join("")}</table>`);
  }
  if (op.requestBody) {
    const types = Object.entries(op.requestBody.content ?? {}).map(([type, media]) => `<p>${esc(type)}: ${link(media.schema)}</p>`);
    out.push(`<h4>Body</h4>${op.requestBody.description ? md(op.requestBody.description) : ""}${types.join("")}`);
  }
  const resolve = (s: DocSchema | undefined) => (s?.$ref ? ctx.doc.components?.schemas?.[refName(s.$ref)] : s);
  out.push(`<h4>Example</h4><pre class="curl">${esc(curlExample(ctx.origin, path, method, op, resolve))}</pre>`);
  const answers = Object.entries(op.responses ?? {}).filter(([status]) => Number(status) < 400);
  const lines = answers.map(([status, r]) => {
    const media = Object.entries(r.content ?? {}).map(([type, m]) => ` → ${esc(type)} ${link(m.schema)}`);
    return `<p><b>${esc(status)}</b> ${renderInline(r.description ?? "")}${media.join("")}</p>`;
  });
  out.push(`<h4>Answers</h4>${lines.join("")}${operationErrors(op, ctx.shared)}</details>`);
  return out.join("\n");
}

function schemaSection(name: string, s: DocSchema): string {
  const body = s.properties ? fields(s) : `<p><code>${esc(typeOf(s))}</code></p>`;
  const example = s.examples?.length ? `<pre>${esc(JSON.stringify(s.examples[0], null, 2))}</pre>` : "";
  return `<section class="schema" id="${esc(name)}"><h3>${esc(name)}</h3>${s.description ? md(s.description) : ""}${body}${example}</section>`;
}

interface Listed {
  path: string;
  method: string;
  op: DocOperation;
}

function operationsOf(doc: DocDocument, tag: string): Listed[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    DOC_METHODS.flatMap((method) => {
      const op = item[method] as DocOperation | undefined;
      return op?.tags?.includes(tag) ? [{ path, method, op }] : [];
    }),
  );
}

/** The page: `origin` is this server's, so the curl examples can be pasted as they are. */
export function docsPage(doc: DocDocument, origin: string): string {
  const ctx: Context = { doc, origin, shared: sharedErrors(doc) };
  const out = [
    `<h1>${esc(doc.info.title)} API</h1>`,
    md(doc.info.description ?? ""),
    `<p>The document itself: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI ${esc(doc.openapi)}), for validators and client generators. The examples below read the token from <code>$TOKEN</code>: a team key or the ADMIN_TOKEN.</p>`,
    errorsSection(doc, ctx.shared),
  ];
  for (const tag of doc.tags ?? []) {
    out.push(`<h2 id="${esc(tag.name)}">${esc(tag.name)}</h2>`, md(tag.description ?? ""));
    for (const { path, method, op } of operationsOf(doc, tag.name)) out.push(operation(ctx, path, method, op));
  }
  out.push("<h2>Schemas</h2>", ...Object.entries(doc.components?.schemas ?? {}).map(([name, s]) => schemaSection(name, s)));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)} API</title><style>${STYLE}</style></head>
<body><main id="doc">
${out.join("\n")}
</main></body></html>`;
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.6rem}table{border-collapse:collapse;margin:.3rem 0}
td{border-top:1px solid #ddd;padding:.2rem .6rem;vertical-align:top}td p{margin:0}code{font-size:90%;overflow-wrap:anywhere}
.op{border:1px solid #ddd;border-radius:4px;margin:.3rem 0;padding:.3rem .6rem}.op summary{cursor:pointer}
.method{display:inline-block;width:4.5rem;font-weight:600}.get{color:#06c}.post{color:#080}.patch{color:#a60}.delete{color:#c00}.head{color:#666}`;
