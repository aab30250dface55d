// A minimal Chrome DevTools Protocol client for workerd's V8 inspector (Miniflare's `inspectorPort`):
// list the isolates, and take a CPU profile of one while something else drives the load.
// Node 20 has no global WebSocket; `ws` comes with miniflare (and wrangler), pinned at the same version.
import WebSocket from "ws";

/** workerd's inspector targets: one per worker (isolate), e.g. "core:user:" for the worker Miniflare serves. */
export async function inspectorTargets(port) {
  const res = await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(10_000) });
  return res.json();
}

/** Opens a session on one target; `send(method, params)` resolves to the result or rejects with the error. */
export function connect(webSocketUrl) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(webSocketUrl, { perMessageDeflate: false, maxPayload: 1 << 30 });
    const waiting = new Map();
    let nextId = 1;
    socket.on("message", (data) => {
      const message = JSON.parse(data.toString());
      const call = waiting.get(message.id);
      if (!call) return; // an event: nothing here subscribes to any
      waiting.delete(message.id);
      if (message.error) call.reject(new Error(`${call.method}: ${JSON.stringify(message.error)}`));
      else call.resolve(message.result);
    });
    socket.on("error", reject);
    socket.on("close", () => {
      for (const call of waiting.values()) call.reject(new Error(`inspector closed during ${call.method}`));
      waiting.clear();
    });
    socket.on("open", () =>
      resolve({
        send: (method, params = {}) =>
          new Promise((res, rej) => {
            const id = nextId++;
            waiting.set(id, { method, resolve: res, reject: rej });
            socket.send(JSON.stringify({ id, method, params }));
          }),
        close: () => socket.close(),
      }),
    );
  });
}

/**
 * Starts the sampling profiler on every session (one per isolate of interest), runs `load()`, stops
 * them and resolves to { result of load, profiles: [the .cpuprofile of each session] }.
 */
export async function profileDuring(sessions, intervalUs, load) {
  for (const session of sessions) {
    await session.send("Profiler.enable");
    await session.send("Profiler.setSamplingInterval", { interval: intervalUs });
    await session.send("Profiler.start");
  }
  let result;
  let stopped = [];
  try {
    result = await load();
  } finally {
    // Stopped even when the load failed: a profiler left running slows the isolate for whoever comes next.
    stopped = await Promise.all(sessions.map((session) => session.send("Profiler.stop")));
  }
  return { result, profiles: stopped.map((s) => s.profile) };
}
