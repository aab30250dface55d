#!/usr/bin/env node
// The `lubdub` command (package.json "bin"). It runs the bundle bin/build-cli.mjs makes, rebuilding it first
// when a source in cli/ changed since (esbuild is a dev dependency: without it, the existing bundle runs).
import { pathToFileURL } from "node:url";
import { buildCli, bundleIsStale, bundlePath } from "./build-cli.mjs";

if (bundleIsStale()) {
  try {
    await buildCli();
  } catch (err) {
    process.stderr.write(
      `lubdub: could not rebuild the CLI (${err instanceof Error ? err.message : String(err)}); running the last build\n`,
    );
  }
}
const { main } = await import(pathToFileURL(bundlePath).href);
process.exitCode = await main(process.argv);
