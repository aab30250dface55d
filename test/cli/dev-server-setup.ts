import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { type DevServer, startDevServer } from "../e2e/dev-server";

/**
 * The `cli` project's one dev server (vitest.config.ts), shared by its files: each file works in a team of
 * its own (test/cli/helpers.ts `useTeam`), so they run in parallel without seeing each other's monitors.
 * It is started on first demand, not here: the files ask this little local endpoint for it (GET /), so a
 * run of only the pure tests of cli/ starts no server. Vitest runs this once per run of the project.
 */
export default async function setup(project: TestProject) {
  let started: Promise<DevServer> | undefined;
  const endpoint = createServer((_req, res) => {
    started ??= startDevServer();
    started.then(
      (server) => res.writeHead(200).end(JSON.stringify({ url: server.url, token: server.token })),
      (err: unknown) => res.writeHead(500).end(err instanceof Error ? err.message : String(err)),
    );
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  project.provide("devServerEndpoint", `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`);
  return async () => {
    endpoint.close();
    await (await started?.catch(() => undefined))?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Answers the shared dev server's `{ url, token }`, once it answers. */
    devServerEndpoint: string;
  }
}
