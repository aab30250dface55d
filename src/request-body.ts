/**
 * Reading a request body to its end, within bounds. A body abandoned mid-stream can break the
 * connection for the next request (under `wrangler dev` the next request got "503 Your worker
 * restarted mid-request"), so bodies are read to the end, even ones that are refused or cut, up to
 * BODY_READ_LIMIT_BYTES or BODY_READ_TIMEOUT_MS; only past those is the rest abandoned.
 */

export const BODY_READ_LIMIT_BYTES = 10 * 1024 * 1024;
export const BODY_READ_TIMEOUT_MS = 10_000;

/**
 * Hands each chunk to `onChunk` until the body ends or a bound is reached (then the rest is cancelled).
 * Returns the bytes read.
 */
export async function readToEnd(stream: ReadableStream<Uint8Array>, onChunk: (chunk: Uint8Array) => void): Promise<number> {
  const reader = stream.getReader();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), BODY_READ_TIMEOUT_MS);
  });
  let size = 0;
  try {
    for (;;) {
      const read = await Promise.race([reader.read(), timeout]);
      if (read === "timeout") break;
      if (read.done) return size;
      onChunk(read.value);
      size += read.value.byteLength;
      if (size >= BODY_READ_LIMIT_BYTES) break;
    }
    await reader.cancel().catch(() => {}); // past the bounds: let go of the rest
    return size;
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}
