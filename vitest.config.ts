import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const migrations = await readD1Migrations("./migrations");
// wrangler.toml's [secrets] is marked experimental, and the pool would say so once per test project.
process.env.WRANGLER_DISABLE_EXPERIMENTAL_WARNING ??= "true";

/** Tests that run inside workerd, against the real Durable Objects, D1 and alarms of `wrangler.toml`. */
const inWorkerd = () =>
  cloudflareTest({
    wrangler: { configPath: "./wrangler.toml" },
    miniflare: {
      bindings: {
        ADMIN_TOKEN: "test-admin-token",
        ALLOW_INSECURE_WEBHOOKS: "true",
        // Off for the suites, which send thousands of admin requests with one token and many wrong tokens from
        // one (absent) address; test/rate-limit.test.ts turns them on for its requests. wrangler.toml's
        // limits (600 a minute per key, 20 failures per address) are left as they are, so they are what it tests.
        RATE_LIMITS: "off",
        // workerd implements no jurisdictions: a JURISDICTION set in wrangler.toml is for Cloudflare only
        // (test/do/jurisdiction.test.ts checks every object is reached through it, with a stand-in namespace).
        JURISDICTION: "",
        TEST_MIGRATIONS: migrations,
        // The bad-input fuzzer's seed and case count (test/faults-workerd/), from the environment when set.
        FUZZ_SEED: process.env.FUZZ_SEED ?? "",
        FUZZ_RUNS: process.env.FUZZ_RUNS ?? "",
      },
    },
  });

/**
 * Projects: `workers` (in workerd, fast), `cli` (node: the CLI's own tests, test/cli/), `e2e` (the real dev server), `browser`
 * (the pages in real Chromium, test/browser/), and the fault suite
 * (`npm run test:faults`): `faults-workerd` (fuzzing in workerd, test/faults-workerd/) and `faults` (test/faults/: crashes, receiver faults,
 * soak and security against real dev servers). The fault projects run after the others, one file at a
 * time, so their timings are not skewed by the rest of the suite competing for the CPU.
 *
 * The groups run one after the other (`sequence.groupOrder`), each with its own number of files at a time:
 * 0, `workers`: as many as cores (Vitest's default); its files are CPU-bound (a burst of 1,000 pings), and
 *   more would push them past their timeouts.
 * 1, `cli` and `e2e`: three at a time, more than cores, since most of their time is spent waiting on a dev
 *   server or on real seconds passing: the files overlap those waits.
 * 2, `browser` (test/browser/: real Chromium against a dev server), 3, `faults-workerd` and 4, `faults`: one file at a time.
 */
export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    projects: [
      {
        plugins: [inWorkerd()],
        test: {
          name: "workers",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "test/cli/**", "test/browser/**", "test/scripts/**", "test/faults/**", "test/faults-workerd/**"],
          setupFiles: ["./test/apply-migrations.ts"],
        },
      },
      {
        // The rule: every test of cli/ that runs in this process is here, in test/cli/ mirroring cli/: the pure
        // tests, and the commands run in-process (cli/main.ts runLubdub), which reach the real server: one dev
        // server for the whole project (globalSetup, started when the first file asks for it), a team per file.
        // A test that spawns the `lubdub` binary (run, login, one apply round trip, the terminal's colours) is in
        // test/e2e/ (the `e2e` project) and starts its own dev server.
        test: {
          name: "cli",
          environment: "node",
          include: ["test/cli/**/*.test.ts"],
          globalSetup: ["./test/cli/dev-server-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          // test/scripts/: the project's own scripts (npm run deploy, the bundle budget), run as node processes.
          include: ["test/e2e/**/*.test.ts", "test/scripts/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Real Chromium (Debian's, test/browser/browser.ts) against one dev server for the project: one file at
        // a time, after e2e, since a browser and a wrangler dev together take the machine's two cores.
        test: {
          name: "browser",
          environment: "node",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["./test/browser/dev-server-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
      {
        plugins: [inWorkerd()],
        test: {
          name: "faults-workerd",
          include: ["test/faults-workerd/**/*.test.ts"],
          setupFiles: ["./test/apply-migrations.ts"],
          testTimeout: 300_000,
          maxWorkers: 1,
          sequence: { groupOrder: 3 },
        },
      },
      {
        test: {
          name: "faults",
          environment: "node",
          include: ["test/faults/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          maxWorkers: 1,
          sequence: { groupOrder: 4 },
        },
      },
    ],
  },
});
