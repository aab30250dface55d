// Summarises a V8 .cpuprofile: self and total time by function and by source file, the bundle's
// positions mapped back to src/ and node_modules/ through its source map (node:module's SourceMap, no
// dependency). Time is taken from the samples' own time deltas, so a sampling interval the runtime
// rounds does not skew it.
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";

/** Loads `<bundle>/index.js.map` when there is one; positions in other scripts stay as they are. */
export function bundleSourceMap(bundleDir) {
  const file = bundleDir && `${bundleDir}/index.js.map`;
  return file && existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, "utf8"))) : null;
}

/** "src/do/monitor-object.ts" from "../src/do/monitor-object.ts"; node_modules paths keep their package. */
const tidy = (path) => path.replace(/^(\.\.\/)+/, "").replace(/^.*node_modules\//, "node_modules/");

/** Which package or src folder a file belongs to: the "by area" rows. */
function areaOf(file) {
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1];
  const src = /^src\/([^/]+\/)?/.exec(file);
  if (src) return `src/${src[1] ?? ""}`;
  return file;
}

/** A readable name and file for a profile node's call frame. */
function frameLabel(frame, map, isBundle) {
  const { functionName, url, lineNumber, columnNumber } = frame;
  if (!url) return { name: functionName || "(anonymous)", file: functionName.startsWith("(") ? functionName : "(native)" };
  if (map && isBundle(url)) {
    const entry = map.findEntry(lineNumber, columnNumber);
    if (entry?.originalSource) {
      const file = tidy(entry.originalSource);
      const name = entry.name && !/^[\w$]{1,2}$/.test(entry.name) ? entry.name : functionName || "(anonymous)";
      return { name: `${name} ${file}:${entry.originalLine + 1}`, file };
    }
  }
  const file = url.replace(/^.*\//, "");
  return { name: `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`, file };
}

const ms = (us) => Math.round(us / 100) / 10;

function top(table, totalUs, limit) {
  return [...table.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, us]) => ({ key, ms: ms(us), pct: Math.round((us / totalUs) * 1000) / 10 }));
}

/**
 * { sampledMs, busyMs, bySelf: [...], byTotal: [...], byFile: [...], byArea: [...], byEntry: [...] },
 * each a list of { key, ms, pct } (pct of all sampled time, idle included). `byEntry` is the outermost
 * frame from the bundle on each busy sample: the worker's fetch versus the object's methods.
 */
export function summarise(profile, { map = null, isBundle = (url) => url.endsWith("index.js"), limit = 25 } = {}) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const labels = new Map(profile.nodes.map((node) => [node.id, frameLabel(node.callFrame, map, isBundle)]));
  const tables = { self: new Map(), total: new Map(), file: new Map(), area: new Map(), entry: new Map() };
  const add = (table, key, us) => table.set(key, (table.get(key) ?? 0) + us);
  let sampled = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0; // a sample's time runs until the next one
    sampled += us;
    const own = labels.get(id);
    if (own.name === "(idle)") idle += us;
    add(tables.self, own.name, us);
    add(tables.file, own.file, us);
    add(tables.area, areaOf(own.file), us);
    const seen = new Set();
    let outermost = null;
    for (let node = id; node !== undefined; node = parent.get(node)) {
      const label = labels.get(node);
      if (!seen.has(label.name)) add(tables.total, label.name, us);
      seen.add(label.name);
      if (isBundle(byId.get(node).callFrame.url)) outermost = label.name;
    }
    add(tables.entry, outermost ?? `(no bundle frame) ${own.file}`, us);
  });
  return {
    sampledMs: ms(sampled),
    busyMs: ms(sampled - idle),
    bySelf: top(tables.self, sampled, limit),
    byTotal: top(tables.total, sampled, limit),
    byFile: top(tables.file, sampled, limit),
    byArea: top(tables.area, sampled, limit),
    byEntry: top(tables.entry, sampled, limit),
  };
}
