import { describe, expect, it } from "vitest";
import { escapeHtml, renderMarkdown } from "../../src/api/markdown";

// The docs page's Markdown: the subset the descriptions use, and never markup from a description's text.

describe("renderMarkdown", () => {
  it("renders paragraphs, code, bold, links, bare URLs and lists", () => {
    const html = renderMarkdown(
      "Needs `Authorization: Bearer <key>`, **always**.\n\nSee [the docs](https://example.com/a) or https://shields.io/badges.\n\n- one\n- `two`",
    );
    expect(html).toBe(
      [
        "<p>Needs <code>Authorization: Bearer &lt;key&gt;</code>, <strong>always</strong>.</p>",
        '<p>See <a href="https://example.com/a">the docs</a> or <a href="https://shields.io/badges">https://shields.io/badges</a>.</p>',
        "<ul><li>one</li><li><code>two</code></li></ul>",
      ].join("\n"),
    );
  });

  it("joins the lines of a paragraph, as Markdown does", () => {
    expect(renderMarkdown("one\ntwo")).toBe("<p>one two</p>");
  });

  it("escapes HTML everywhere: text, code, link text and href", () => {
    const html = renderMarkdown(
      `<script>alert(1)</script> \`<img src=x onerror=alert(1)>\` [<b>x</b>](https://e.example/"onmouseover="alert(1)) a & b`,
    );
    expect(html).not.toMatch(/<(script|img|b)[\s>]/);
    expect(html).not.toContain('"onmouseover');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("a &amp; b");
  });

  it("links only to the web, this server or this page: a javascript: link stays text", () => {
    expect(renderMarkdown("[click](javascript:void)")).toBe("<p>click</p>");
    expect(renderMarkdown("[doc](/api/v1/openapi.json) [up](#errors)")).toBe(
      '<p><a href="/api/v1/openapi.json">doc</a> <a href="#errors">up</a></p>',
    );
  });

  it("escapeHtml escapes the five characters that can start or end markup", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});
