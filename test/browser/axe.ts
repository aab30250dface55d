import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

// axe-core run inside the page. The pages' CSP allows only scripts with the response's nonce, so axe is
// injected in a context opened with `bypassCSP: true` (AXE_CONTEXT): that context is for this check only;
// test/browser/security.test.ts proves, in an ordinary context, that the same injection does not run.

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The context options of a page axe runs in. Never use them for anything else. */
export const AXE_CONTEXT = { bypassCSP: true } as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Rules a page is allowed to break, each with why. Only one, and only for the public status page: it has no
 * script by design (its CSP allows none), and it is made to be left open on a wall screen, so a 60-second
 * meta refresh is how it stays current. axe calls that critical (WCAG 2.2.1: a timed reload the reader
 * cannot stop). To hold the page to the rule, drop it here and refresh it another way.
 */
export const STATUS_PAGE_EXCEPTIONS = ["meta-refresh"];

/** The serious and critical violations axe finds in the page as it is now, one readable line each; `allow`: rule ids to leave out. */
export async function seriousViolations(page: Page, allow: readonly string[] = []): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  // A string: it runs in the page, where `axe` is the global the injected script defined (the node
  // project's types have no DOM).
  const violations = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)')) as Violation[];
  return violations
    .filter((v) => (v.impact === "serious" || v.impact === "critical") && !allow.includes(v.id))
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}
