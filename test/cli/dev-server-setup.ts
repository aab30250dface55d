import type { TestProject } from "vitest/node";
import { startDevServer } from "../e2e/dev-server";

/**
 * The `cli` project's one dev server (vitest.config.ts), shared by its files: each file works in a team of
 * its own (test/cli/helpers.ts `useTeam`), so they run in parallel without seeing each other's monitors.
 * Vitest starts it only when a test of the project is selected.
 */
export default async function setup(project: TestProject) {
  const server = await startDevServer();
  project.provide("devServer", { url: server.url, token: server.token });
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    devServer: { url: string; token: string };
  }
}
