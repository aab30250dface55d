import { DOC_METHODS, type DocDocument, type DocOperation, type DocResponse } from "./docs-types";
import { escapeHtml as esc, renderMarkdown as md, renderInline } from "./markdown";

/**
 * The docs page's errors: said once (the envelope, the codes, what each status means), and under each
 * operation only which statuses it can answer, plus any whose meaning there differs from the shared one
 * (a ping's 404 is text, not the envelope).
 */

const isError = (status: string) => Number(status) >= 400;

const ENVELOPE_EXAMPLE = {
  error: {
    code: "invalid_request",
    message: "invalid body: name",
    details: [{ path: "name", message: "required" }],
    request_id: "8f1e2d3c4b5a6978-AMS",
  },
};

/**
 * Each error status's most common description across the admin API's operations (those with a token):
 * its shared meaning. The ping and badge routes' errors are their own, said under each.
 */
export function sharedErrors(doc: DocDocument): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of DOC_METHODS) {
      const op = item[method] as DocOperation | undefined;
      if (!op?.security?.length) continue;
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!isError(status) || !response.description) continue;
        const byText = counts.get(status) ?? new Map<string, number>();
        byText.set(response.description, (byText.get(response.description) ?? 0) + 1);
        counts.set(status, byText);
      }
    }
  }
  const shared = [...counts].map(([status, byText]): [string, string] => {
    const [top = ""] = [...byText].sort((a, b) => b[1] - a[1]).map(([text]) => text);
    return [status, top];
  });
  return new Map(shared.sort(([a], [b]) => Number(a) - Number(b)));
}

export function errorsSection(doc: DocDocument, shared: Map<string, string>): string {
  const codes = doc.components?.schemas?.ErrorCode?.enum ?? [];
  const statuses = [...shared].map(([status, text]) => `<tr><td><b>${esc(status)}</b></td><td>${md(text)}</td></tr>`);
  return [
    `<h2 id="errors">Errors</h2>`,
    `<p>Every error of the admin API is this envelope (<a href="#Error">Error</a>), each offending field named in <code>details</code>:</p>`,
    `<pre>${esc(JSON.stringify(ENVELOPE_EXAMPLE, null, 2))}</pre>`,
    `<p>The codes (<code>error.code</code>, for clients to branch on): ${codes.map((code) => `<code>${esc(String(code))}</code>`).join(", ")}.</p>`,
    `<p>What each status means; each operation lists the ones it can answer.</p><table>${statuses.join("")}</table>`,
  ].join("\n");
}

/** An operation's error statuses: those of the shared meaning linked to it, any other said in full. */
export function operationErrors(op: DocOperation, shared: Map<string, string>): string {
  const errors = Object.entries(op.responses ?? {}).filter(([status]) => isError(status));
  const isShared = ([status, response]: [string, DocResponse]) => response.description === shared.get(status);
  const links = errors.filter(isShared).map(([status]) => `<a href="#errors">${esc(status)}</a>`);
  const own = errors
    .filter((error) => !isShared(error))
    .map(([status, response]) => {
      // The envelope is said once; another type (a ping's text) is worth saying.
      const types = Object.keys(response.content ?? {}).filter((type) => type !== "application/json");
      return `<p><b>${esc(status)}</b> ${renderInline(response.description ?? "")}${types.map((type) => ` → ${esc(type)}`).join("")}</p>`;
    });
  return `${links.length ? `<p><b>Errors</b>: ${links.join(" · ")}</p>` : ""}${own.join("")}`;
}
