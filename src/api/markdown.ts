/**
 * The Markdown of the document's descriptions, as HTML for the docs page. Only the subset they use
 * (paragraphs, `code`, bare URLs) plus **bold**, [links](https://…) and "- " lists, so a description
 * may use them later; anything else stays text. Every piece of text is escaped: a description can hold
 * `<`, `&` or quotes (`Bearer <key>`), and none of it may become markup. A library (marked) would render
 * more than the descriptions need and still need a sanitiser: HTML in Markdown is passed through.
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML text or attribute value: every character that could start markup, escaped. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);

/** Links go to the web, this page or this server only: never `javascript:` or `data:`. */
const SAFE_HREF = /^(https?:\/\/|\/|#)/;

// `code` | **bold** | [text](href) | a bare URL (its trailing punctuation left out).
const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"])/g;

function link(href: string, text: string): string {
  return SAFE_HREF.test(href) ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/** One paragraph's text, its inline Markdown rendered and everything else escaped. */
export function renderInline(text: string): string {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const [whole, code, bold, linkText, href, url] = match;
    html += escapeHtml(text.slice(last, match.index));
    if (code !== undefined) html += `<code>${escapeHtml(code)}</code>`;
    else if (bold !== undefined) html += `<strong>${escapeHtml(bold)}</strong>`;
    else if (linkText !== undefined && href !== undefined) html += link(href, linkText);
    else if (url !== undefined) html += link(url, url);
    last = match.index + whole.length;
  }
  return html + escapeHtml(text.slice(last));
}

/** A description as HTML: blank lines part paragraphs; a block of "- " lines is a list. */
export function renderMarkdown(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== "")
    .map((block) => {
      const lines = block.split("\n");
      if (lines.every((line) => line.startsWith("- "))) {
        return `<ul>${lines.map((line) => `<li>${renderInline(line.slice(2))}</li>`).join("")}</ul>`;
      }
      return `<p>${renderInline(lines.join(" "))}</p>`;
    })
    .join("\n");
}
