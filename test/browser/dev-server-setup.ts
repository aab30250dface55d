import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { type DevServer, startDevServer } from "../../scripts/harness/dev-server.mjs";

/**
 * The `browser` project's one dev server (vitest.config.ts), shared by its files one after the other: each
 * file works in teams of its own (dashboard.ts createTeam), and starting wrangler dev once instead of per
 * file saves ~20 s a file on a busy machine. Started on first demand (a file asks this local endpoint), not
 * here: Vitest may run every project's setup at the start of the whole run, long before this group's turn.
 * A server that cannot start answers 500 with the reason, which browser.ts gives to every test.
 */
export default async function setup(project: TestProject) {
  let started: Promise<DevServer> | undefined;
  const endpoint = createServer((_req, res) => {
    started ??= startDevServer({ readyWithinMs: 90_000 });
    started.then(
      (server) => res.writeHead(200).end(JSON.stringify({ url: server.url, token: server.token })),
      (err: unknown) => res.writeHead(500).end(err instanceof Error ? err.message : String(err)),
    );
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  project.provide("browserDevServerEndpoint", `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`);
  return async () => {
    endpoint.close();
    await (await started?.catch(() => undefined))?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Answers the shared dev server's `{ url, token }` once it is up (500 and the reason if it cannot start). */
    browserDevServerEndpoint: string;
  }
}
