import { concatBytes } from "../bytes";

/**
 * Reading a ping's body. A job's output can be long, and its end (where the error usually is) matters
 * most: a long body is read to the end, keeping its head and its tail. It is read to the end rather
 * than cancelled, because a body abandoned mid-stream can break the connection for the next request
 * (under `wrangler dev` the next request got "503 Your worker restarted mid-request").
 */

/** What a ping keeps of a body: the head and the tail, 100 KB in all. */
export const BODY_HEAD_BYTES = 20 * 1024;
export const BODY_TAIL_BYTES = 80 * 1024;
/** Past this, or past the time limit, the rest is abandoned (the tail is then the last bytes read). */
export const BODY_READ_LIMIT_BYTES = 10 * 1024 * 1024;
export const BODY_READ_TIMEOUT_MS = 10_000;

export interface PingBody {
  /** The whole body when it fits; else its first 20 KB followed by its last 80 KB. */
  bytes: Uint8Array;
  /** Bytes received (more than `bytes` holds when `truncated`). */
  size: number;
  truncated: boolean;
}

/** The last `limit` bytes of a stream, keeping only as many chunks as that needs. */
class Tail {
  private chunks: Uint8Array[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}

  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
    for (let first = this.chunks[0]; first && this.size - first.byteLength >= this.limit; first = this.chunks[0]) {
      this.chunks.shift();
      this.size -= first.byteLength;
    }
  }

  bytes(): Uint8Array {
    const all = concatBytes(this.chunks);
    return all.subarray(Math.max(0, all.byteLength - this.limit));
  }
}

type Read = ReadableStreamReadResult<Uint8Array> | "timeout";

/** Reads a body to its end (within the limits), keeping the whole of a short one or the head and tail of a long one. */
export async function readPingBody(stream: ReadableStream<Uint8Array> | null, now: () => number = Date.now): Promise<PingBody> {
  if (!stream) return { bytes: new Uint8Array(), size: 0, truncated: false };
  const reader = stream.getReader();
  const head: Uint8Array[] = [];
  const tail = new Tail(BODY_TAIL_BYTES);
  const deadline = now() + BODY_READ_TIMEOUT_MS;
  let size = 0;
  for (;;) {
    const read = await readBefore(reader, deadline - now());
    if (read === "timeout" || read.done) {
      if (read === "timeout") await reader.cancel();
      break;
    }
    const chunk = read.value;
    const headRoom = Math.max(0, BODY_HEAD_BYTES - size);
    if (headRoom > 0) head.push(chunk.subarray(0, headRoom));
    if (chunk.byteLength > headRoom) tail.push(chunk.subarray(headRoom));
    size += chunk.byteLength;
    if (size >= BODY_READ_LIMIT_BYTES) {
      await reader.cancel();
      break;
    }
  }
  const bytes = concatBytes([...head, tail.bytes()]);
  return { bytes, size, truncated: size > bytes.byteLength };
}

async function readBefore(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number): Promise<Read> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), Math.max(0, ms));
  });
  try {
    return await Promise.race([reader.read(), timeout]);
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}
