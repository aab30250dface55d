// The native side of a profile: `perf record` on the workerd process (all threads, kernel included when
// permitted), summarised as self time by symbol and by what the symbol belongs to (SQLite, V8's GC, the
// JIT-compiled JavaScript, KJ/Cap'n Proto I/O and RPC, workerd's own APIs, the kernel). workerd ships with
// its symbols, so C++ names are readable; JIT code has none and is counted as "[JIT]".
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";

/** Samples `pid` for `seconds` at 999 Hz into `file`; resolves to `file` once perf has written it. */
export function perfRecord(pid, seconds, file) {
  return new Promise((resolve, reject) => {
    // PROFILE_PERF_CALLGRAPH=1 records call chains (frame pointers) for inclusive times: `perf report --children`.
    const graph = process.env.PROFILE_PERF_CALLGRAPH === "1" ? ["-g"] : [];
    const args = ["record", "-F", "999", ...graph, "-p", String(pid), "-o", file, "--", "sleep", String(seconds)];
    const perf = spawn("perf", args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    perf.stderr.on("data", (chunk) => {
      err += chunk;
    });
    perf.on("error", reject);
    perf.on("exit", (code) => (code === 0 ? resolve(file) : reject(new Error(`perf record exited ${code}: ${err}`))));
  });
}

/** What a symbol belongs to, by its dso and name. Order matters: the first match wins. */
const AREAS = [
  ["kernel", (dso) => dso.startsWith("[kernel")],
  ["JavaScript (JIT code)", (dso) => dso.startsWith("[JIT]") || dso === "[unknown]"],
  ["SQLite", (_, sym) => /sqlite3|^(pager|btree|vdbe|wal)[A-Z_]/i.test(sym)],
  [
    "V8 GC",
    (_, sym) =>
      /v8::internal::(Heap|Scavenger|MarkCompact|Marking|Sweeper|Concurrent|MinorMarkSweep|Evacuat|PagedSpace|MemoryAllocator|[A-Za-z]*Visitor)/.test(
        sym,
      ),
  ],
  ["V8 builtins (interpreter, IC, runtime calls)", (_, sym) => /^Builtins_|^Runtime_|v8::internal::/.test(sym)],
  ["V8 API (embedder calls into V8)", (_, sym) => /^v8::/.test(sym)],
  [
    "workerd actor storage / alarms",
    (_, sym) =>
      /workerd::(ActorSqlite|ActorCache|SqliteDatabase|SqliteKv|SqliteMetadata|api::DurableObjectStorage|api::SqlStorage|.*[Aa]larm)/.test(
        sym,
      ),
  ],
  ["workerd JSG glue", (_, sym) => /workerd::jsg::/.test(sym)],
  ["workerd APIs", (_, sym) => /workerd::/.test(sym)],
  ["Cap'n Proto (RPC, serialisation)", (_, sym) => /capnp::/.test(sym)],
  ["KJ (event loop, async I/O, HTTP)", (_, sym) => /kj::/.test(sym)],
  ["libc / allocator", (dso) => /libc|libm|ld-linux|libstdc|libc\+\+/.test(dso)],
];

/** Frames whose inclusive share (self and everything they call) says where a request's CPU goes; needs call chains. */
const KEY_FRAMES = [
  ["worker: fetch handler (JS and what it calls)", /^workerd::api::ServiceWorkerGlobalScope::request$/],
  ["object: RPC method call (JS and what it calls)", /^workerd::api::JsRpcTargetBase::callImpl$/],
  ["object: SQL statements (SqlStorage::exec)", /^workerd::api::SqlStorage::exec$/],
  ["object: implicit transaction commit", /^workerd::ActorSqlite::startImplicitTxn\(\)::\$_0::operator\(\)$/],
  ["alarms: local AlarmScheduler::setAlarm (its own SQLite file)", /^workerd::server::AlarmScheduler::setAlarm$/],
  ["fsync (all callers)", /^fsync$/],
  ["pwrite (all callers)", /^__libc_pwrite$/],
  ["V8 garbage collection", /^v8::internal::Heap::CollectGarbage$/],
  ["V8 CPU profiler's own thread", /^v8::internal::SamplingEventsProcessor::Run$/],
  ["network send (kernel)", /^tcp_sendmsg$/],
  ["network receive (kernel)", /^tcp_recvmsg$/],
];

/** Inclusive shares of KEY_FRAMES, from `perf report --children` (empty without call chains). */
function keyFrames(dataFile) {
  const args = ["report", "-i", dataFile, "--stdio", "--children", "--sort", "sym", "-g", "none", "--percent-limit", "0.1"];
  const out = spawnSync("perf", args, { encoding: "utf8", maxBuffer: 64 << 20, timeout: 120_000 }).stdout ?? "";
  const rows = [];
  for (const line of out.split("\n")) {
    const match = /^\s+([\d.]+)%\s+([\d.]+)%\s+\[[.k]\]\s+(.*)$/.exec(line);
    if (match) rows.push({ pct: Number(match[1]), sym: match[3].trim() });
  }
  return KEY_FRAMES.map(([key, re]) => ({ key, pct: rows.find((row) => re.test(row.sym))?.pct ?? 0 }));
}

const areaOf = (dso, sym) => AREAS.find(([, test]) => test(dso, sym))?.[0] ?? "other native";

/** { samples, byArea: [{ key, pct }], top: text of the heaviest symbols }; the full report goes to `textFile`. */
export function perfReport(dataFile, textFile) {
  const args = ["report", "-i", dataFile, "--stdio", "--no-children", "--sort", "dso,sym", "--percent-limit", "0.05"];
  const run = spawnSync("perf", args, { encoding: "utf8", maxBuffer: 64 << 20, timeout: 120_000 });
  writeFileSync(textFile, run.stdout ?? "");
  const samples = Number(/Samples: ([\d.]+)K?/.exec(run.stdout ?? "")?.[1] ?? 0);
  const rows = [];
  for (const line of (run.stdout ?? "").split("\n")) {
    const match = /^\s+([\d.]+)%\s+(\S+(?: tid \d+)?)\s+\[[.k]\]\s+(.*)$/.exec(line);
    if (match) rows.push({ pct: Number(match[1]), dso: match[2], sym: match[3].trim() });
  }
  const areas = new Map();
  for (const row of rows) {
    const area = areaOf(row.dso, row.sym);
    areas.set(area, (areas.get(area) ?? 0) + row.pct);
  }
  const byArea = [...areas.entries()].sort((a, b) => b[1] - a[1]).map(([key, pct]) => ({ key, pct: Math.round(pct * 10) / 10 }));
  const jit = rows.filter((r) => areaOf(r.dso, r.sym) === "JavaScript (JIT code)").reduce((sum, r) => sum + r.pct, 0);
  const named = rows.filter((r) => areaOf(r.dso, r.sym) !== "JavaScript (JIT code)").slice(0, 30);
  const top = [
    ...byArea.map((a) => `  ${String(a.pct).padStart(5)}%  [area] ${a.key}`),
    `  ${jit.toFixed(1).padStart(5)}%  [JIT code, all addresses]`,
    ...named.map((r) => `  ${r.pct.toFixed(2).padStart(5)}%  ${r.sym.slice(0, 150)}`),
  ].join("\n");
  const inclusive = process.env.PROFILE_PERF_CALLGRAPH === "1" ? keyFrames(dataFile) : [];
  const keyText = inclusive.map((k) => `  ${k.pct.toFixed(1).padStart(5)}%  [inclusive] ${k.key}`);
  return { samples, byArea, inclusive, top: [...keyText, top].join("\n") };
}
