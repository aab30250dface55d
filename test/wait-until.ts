import { runInDurableObject } from "cloudflare:test";
import { vi } from "vitest";
import { stub } from "./helpers";

/** Work a monitor's object finished answering but not doing: what it passed to `ctx.waitUntil`. */
interface BackgroundWork {
  /** Resolves when everything handed to `waitUntil` so far has settled (it never rejects: see liveness-report.ts). */
  settled: () => Promise<void>;
  /** How many promises were handed over so far. */
  count: () => number;
}

/**
 * Watches a monitor's object's `ctx.waitUntil` (its liveness reports to D1, sent after a ping is answered)
 * so a test can wait for them rather than poll. The object must exist; the watch lasts as long as its
 * instance, or until the test's mocks are restored.
 */
export async function watchWaitUntil(monitorId: string): Promise<BackgroundWork> {
  const handed: Promise<unknown>[] = [];
  let pending: Promise<unknown>[] = [];
  await runInDurableObject(stub(monitorId), (_, state) => {
    const original = state.waitUntil.bind(state);
    vi.spyOn(state, "waitUntil").mockImplementation((promise: Promise<unknown>) => {
      handed.push(promise);
      pending.push(promise);
      original(promise);
    });
  });
  return {
    settled: async () => {
      while (pending.length > 0) {
        const batch = pending;
        pending = [];
        await Promise.all(batch);
      }
    },
    count: () => handed.length,
  };
}
