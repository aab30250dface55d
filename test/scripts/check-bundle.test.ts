import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// `npm run check:bundle` (a step of `npm test`): the dry-run bundle, measured against its gzipped budget.

const root = resolve(import.meta.dirname, "../..");

function checkBundle(budgetKiB?: number) {
  const budget = budgetKiB === undefined ? {} : { LUBDUB_BUNDLE_BUDGET_KIB: String(budgetKiB) };
  return spawnSync(process.execPath, ["scripts/check-bundle.mjs"], { cwd: root, encoding: "utf8", env: { ...process.env, ...budget } });
}

describe("the bundle budget", () => {
  it("today's Worker fits its budget, and the script says by how much", () => {
    const run = checkBundle();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/check:bundle: 1 module\(s\), \d+\.\d KiB, gzipped \d+\.\d KiB \(budget 300 KiB\)/);
  });

  it("a bundle over its budget fails the check, naming both sizes", () => {
    const run = checkBundle(100);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/over its budget: 1 module\(s\), \d+\.\d KiB, gzipped \d+\.\d KiB \(budget 100 KiB\)/);
  });
});
