import { afterEach, describe, expect, it, vi } from "vitest";
import { BODY_READ_LIMIT_BYTES, BODY_READ_TIMEOUT_MS, readToEnd } from "../src/request-body";

// The bounds of reading a body to its end (src/request-body.ts): past them the rest is let go, so a
// client cannot hold a request open forever. Within them every byte is read (test/e2e/large-body).

const CHUNK = new Uint8Array(1024 * 1024);

/** A body of `chunks` MB, or one that never ends (null); `cancelled` says whether the reader let go of it. */
function body(chunks: number | null) {
  const state = { sent: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (chunks !== null && state.sent >= chunks) return controller.close();
      state.sent++;
      controller.enqueue(CHUNK);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

afterEach(() => vi.useRealTimers());

describe("reading a body to its end", () => {
  it("reads a 60 MB body whole", async () => {
    const { stream, state } = body(60);
    let seen = 0;
    expect(await readToEnd(stream, (chunk) => (seen += chunk.byteLength))).toBe(60 * CHUNK.byteLength);
    expect([seen, state.cancelled]).toEqual([60 * CHUNK.byteLength, false]);
  });

  it("lets go of a body past 100 MB, having read 100 MB", async () => {
    const { stream, state } = body(null);
    expect(await readToEnd(stream, () => {})).toBe(BODY_READ_LIMIT_BYTES);
    expect(state.cancelled).toBe(true);
  });

  it("lets go of a body still arriving after 30 s, with what came", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const trickle = new TransformStream<Uint8Array, Uint8Array>();
    const writer = trickle.writable.getWriter();
    void writer.write(new Uint8Array(10));
    const read = readToEnd(trickle.readable, () => {});
    await vi.advanceTimersByTimeAsync(BODY_READ_TIMEOUT_MS);
    expect(await read).toBe(10);
    await expect(writer.write(new Uint8Array(10))).rejects.toThrow(); // cancelled: nobody reads it any more
  });
});
