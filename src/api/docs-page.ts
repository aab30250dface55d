/**
 * `GET /api/docs`: the OpenAPI document, readable. One self-contained page (no CDN, no UI library): a
 * small script fetches /api/v1/openapi.json and lists each operation with its parameters, body and
 * answers, then every schema with its fields, descriptions and examples. `/api/docs#open` opens every operation.
 */
const SCRIPT = `
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; };
const refName = (ref) => ref.split("/").pop();
function typeOf(s) {
  if (!s) return "";
  if (s.$ref) return refName(s.$ref);
  for (const k of ["oneOf", "anyOf"]) if (s[k]) return s[k].map(typeOf).join(" | ");
  if (s.type === "array") return typeOf(s.items) + "[]";
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const t = Array.isArray(s.type) ? s.type.join(" | ") : s.type || "any";
  return s.format ? t + " (" + s.format + ")" : t;
}
/** A schema's name as a link to its section below, or its type as text. */
function link(s) {
  if (!s || !s.$ref) return el("code", typeOf(s));
  const a = el("a", refName(s.$ref));
  a.href = "#" + refName(s.$ref);
  return a;
}
function notes(s) {
  const out = [];
  if (s.description) out.push(s.description);
  if (s.default !== undefined) out.push("default " + JSON.stringify(s.default));
  if (s.examples) out.push("e.g. " + s.examples.map((x) => JSON.stringify(x)).join(", "));
  return out.join(" · ");
}
function fields(schema) {
  const table = el("table");
  const props = schema.properties || {};
  for (const [name, s] of Object.entries(props)) {
    const row = table.insertRow();
    row.insertCell().append(el("code", name + ((schema.required || []).includes(name) ? "" : "?")));
    row.insertCell().append(el("code", typeOf(s)));
    row.insertCell().textContent = notes(s);
  }
  return table;
}
function operation(path, method, op) {
  const box = el("details", null, "op");
  box.open = location.hash === "#open";
  const head = el("summary");
  head.append(el("span", method.toUpperCase(), "method " + method), el("code", path), el("span", " " + (op.summary || "")));
  box.append(head);
  if (op.description) box.append(el("p", op.description));
  if (op.parameters && op.parameters.length) {
    box.append(el("h4", "Parameters"));
    const table = el("table");
    for (const p of op.parameters) {
      const row = table.insertRow();
      row.insertCell().append(el("code", p.name + (p.required ? "" : "?")));
      row.insertCell().textContent = p.in;
      row.insertCell().append(el("code", typeOf(p.schema)));
      row.insertCell().textContent = notes({ ...p.schema, description: p.description || (p.schema || {}).description });
    }
    box.append(table);
  }
  if (op.requestBody) {
    box.append(el("h4", "Body"));
    for (const [type, media] of Object.entries(op.requestBody.content || {})) {
      const line = el("p", type + ": ");
      line.append(link(media.schema));
      box.append(line);
    }
  }
  box.append(el("h4", "Answers"));
  for (const [status, r] of Object.entries(op.responses || {})) {
    const line = el("p", status + " " + (r.description || ""));
    for (const [type, media] of Object.entries(r.content || {})) line.append(" → " + type + " ", link(media.schema));
    box.append(line);
  }
  return box;
}
async function main() {
  const doc = await (await fetch("/api/v1/openapi.json")).json();
  const root = document.getElementById("doc");
  root.textContent = "";
  root.append(el("h1", doc.info.title + " API"), el("p", doc.info.description, "intro"));
  root.append(el("p", "The document itself: /api/v1/openapi.json (OpenAPI " + doc.openapi + ")."));
  for (const tag of doc.tags || []) {
    root.append(el("h2", tag.name), el("p", tag.description));
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) if ((op.tags || []).includes(tag.name)) root.append(operation(path, method, op));
  }
  root.append(el("h2", "Schemas"));
  for (const [name, s] of Object.entries(doc.components.schemas)) {
    const box = el("section", null, "schema");
    box.id = name;
    box.append(el("h3", name));
    if (s.description) box.append(el("p", s.description));
    if (s.properties) box.append(fields(s));
    else box.append(el("p", typeOf(s)));
    if (s.examples) box.append(el("pre", JSON.stringify(s.examples[0], null, 2)));
    root.append(box);
  }
}
main().catch((e) => { document.getElementById("doc").textContent = "Could not load /api/v1/openapi.json: " + e; });
`;

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.6rem}.intro{white-space:pre-line}table{border-collapse:collapse;margin:.3rem 0}
td{border-top:1px solid #ddd;padding:.2rem .6rem;vertical-align:top}code{font-size:90%}
.op{border:1px solid #ddd;border-radius:4px;margin:.3rem 0;padding:.3rem .6rem}.op summary{cursor:pointer}
.method{display:inline-block;width:4.5rem;font-weight:600}.get{color:#06c}.post{color:#080}.patch{color:#a60}.delete{color:#c00}.head{color:#666}`;

export const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>lubdub API</title><style>${STYLE}</style></head>
<body><main id="doc">Loading the API document…</main><script>${SCRIPT}</script></body></html>`;
