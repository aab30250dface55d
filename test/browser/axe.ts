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

/** The serious and critical violations axe finds in the page as it is now, one readable line each. No page is exempt from any rule. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  // A string: it runs in the page, where `axe` is the global the injected script defined (the node
  // project's types have no DOM).
  const violations = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)')) as Violation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}
