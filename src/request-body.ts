/**
 * Reading a request body to its end, within bounds. A body abandoned mid-stream (its reader cancelled)
 * breaks the connection under `wrangler dev`: the next request got "503 Your worker restarted
 * mid-request" or "500 Network connection lost", and after a 12 MB ping wrangler itself exited (issue
 * 17). So a body once begun is read to its end, even one that is refused or of which only a part is kept;
 * the rest is abandoned only past BODY_READ_LIMIT_BYTES or BODY_READ_TIMEOUT_MS. (A body never touched,
 * as under a 401, is harmless: the runtime discards it.)
 *
 * The bounds: 100 MB is what Cloudflare itself lets through to a Worker on the Free and Pro plans (it
 * answers 413 to larger bodies), so in production every body that arrives is read whole; 30 s is ~100 MB
 * at 30 Mbit/s, and keeps a client that trickles its body from holding the request open for longer.
 * Reading is cheap: each reader keeps only what it needs (a ping 100 KB, an admin body 64 KiB).
 */

export const BODY_READ_LIMIT_BYTES = 100 * 1024 * 1024;
export const BODY_READ_TIMEOUT_MS = 30_000;

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
