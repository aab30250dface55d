// Bundles the CLI (cli/main.ts and what it imports) into dist/cli/lubdub.mjs with esbuild. Run by
// `npm install`/`npm ci` (the `prepare` script) and, when a source is newer than the bundle, by bin/lubdub.mjs,
// so `npx lubdub` never runs stale code and nobody builds by hand. Packages stay external: Node loads them
// from node_modules, as for any other dependency.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const bundlePath = join(root, "dist", "cli", "lubdub.mjs");

/** The newest modification time among the CLI's sources: cli/ and src/ (it imports the API's input schemas), recursively. */
function newestSource(folder = join(root, "cli")) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function bundleIsStale() {
  try {
    return statSync(bundlePath).mtimeMs < Math.max(newestSource(), newestSource(join(root, "src")));
  } catch {
    return true;
  }
}

export async function buildCli() {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [join(root, "cli", "main.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    write: false,
    logLevel: "warning",
  });
  const [output] = result.outputFiles;
  mkdirSync(dirname(bundlePath), { recursive: true });
  // Written aside and renamed: several lubdub processes started at once may rebuild together, and none may
  // load a half-written file.
  const temporary = `${bundlePath}.${process.pid}.tmp`;
  writeFileSync(temporary, output.contents);
  renameSync(temporary, bundlePath);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
