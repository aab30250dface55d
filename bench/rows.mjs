// Rows per ping, counted inside workerd by test/do/monitor-storage.test.ts (rowsWritten/rowsRead of every
// SQL cursor the monitor's object opens); the test prints one JSON line per case and this reads them.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { quietEnv } from "./bare-server.mjs";

const root = new URL("..", import.meta.url).pathname;

export function rowsPerPing(folder) {
  const args = ["run", "--project", "workers", "test/do/monitor-storage.test.ts"];
  const run = spawnSync(join(root, "node_modules/.bin/vitest"), args, {
    cwd: root,
    env: quietEnv(folder),
    encoding: "utf8",
    timeout: 300_000,
  });
  // Vitest may colour the line (its header's escape codes come first): take the JSON wherever it starts.
  const cases = [...(run.stdout ?? "").matchAll(/\{"rowsPerPing".*\}/g)].map(([line]) => JSON.parse(line));
  return { testPassed: run.status === 0, cases };
}
