#!/usr/bin/env node
// The README's channel table, from the channel registry: every kind declares its row (`docs` in its file
// under src/channels/kinds/), so adding a kind needs no hand edit here. `npm run docs` (--write) rewrites the
// table between the README's channel-table markers; without the flag (`npm run typecheck`, so `npm test`) it
// checks the README is current and names the kinds that differ.
// As in scripts/openapi.mjs, esbuild bundles the registry for Node; nothing in it needs the Workers runtime.
import { readFileSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const README = "README.md";
const START = "<!-- channel-table: written by `npm run docs` from each kind's `docs` in src/channels/kinds/ -->";
const END = "<!-- /channel-table -->";
const write = process.argv.includes("--write");
const root = new URL("..", import.meta.url).pathname;

async function loadKinds() {
  const bundle = await build({
    stdin: { contents: 'export { channelKind, channelTypes } from "./src/channels/registry";', resolveDir: root, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "error",
  });
  const { channelKind, channelTypes } = await import(
    `data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString("base64")}`
  );
  return channelTypes().map((type) => ({ type, ...channelKind(type).docs }));
}

/** A Markdown table padded the way Biome formats one, so `npm run lint` and this check agree. */
function markdownTable(header, rows) {
  const widths = header.map((cell, column) => Math.max(3, cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

const kinds = await loadKinds();
const table = markdownTable(
  ["Channel `type`", "Config", "What it sends"],
  kinds.map((kind) => [`\`${kind.type}\``, kind.config, kind.sends]),
);
const readme = readFileSync(README, "utf8");
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  console.error(`${README} has no channel table markers (${START} … ${END})`);
  process.exit(1);
}
const updated = `${readme.slice(0, start + START.length)}\n\n${table}\n\n${readme.slice(end)}`;
if (write) {
  writeFileSync(README, updated);
  console.log(`${README}: channel table written (${kinds.length} kinds)`);
} else if (updated !== readme) {
  const current = readme.slice(start, end);
  const stale = kinds.filter((kind) => !current.includes(`| \`${kind.type}\` `)).map((kind) => kind.type);
  console.error(
    `${README}'s channel table is not current${stale.length > 0 ? ` (missing: ${stale.join(", ")})` : ""}: run \`npm run docs\` and commit README.md`,
  );
  process.exit(1);
}
