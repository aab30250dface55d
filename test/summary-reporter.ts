import { writeFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

/** CI reads the last line: `N passed, N failed` (skipped tests are neither). */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failedHere++;
      }
      // A file that failed with no failed test (an import or a beforeAll threw, its tests skipped) counts once.
      failed += module.state() === "failed" && failedHere === 0 ? 1 : failedHere;
    }
    // Under `npm test` the wrapper prints the line last, after workerd has shut down.
    const file = process.env.LUBDUB_SUMMARY_FILE;
    if (file) writeFileSync(file, JSON.stringify({ passed, failed }));
    else process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  }
}
