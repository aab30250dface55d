import { ByteTail, concatBytes } from "../bytes";
import { readToEnd } from "../request-body";

/**
 * Reading a ping's body. A job's output can be long, and its end (where the error usually is) matters
 * most: a long body is read to the end (see `readToEnd`), keeping its head and its tail.
 */

/** What a ping keeps of a body: the head and the tail, 100 KB in all. */
const BODY_HEAD_BYTES = 20 * 1024;
const BODY_TAIL_BYTES = 80 * 1024;

export interface PingBody {
  /** The whole body when it fits; else its first 20 KB followed by its last 80 KB. */
  bytes: Uint8Array;
  /** Bytes received (more than `bytes` holds when `truncated`). */
  size: number;
  truncated: boolean;
}

/** Reads a body to its end (within the limits), keeping the whole of a short one or the head and tail of a long one. */
export async function readPingBody(stream: ReadableStream<Uint8Array> | null): Promise<PingBody> {
  if (!stream) return { bytes: new Uint8Array(), size: 0, truncated: false };
  const head: Uint8Array[] = [];
  const tail = new ByteTail(BODY_TAIL_BYTES);
  let kept = 0;
  // Past the read bounds (100 MB, 30 s; see request-body.ts) the tail is the last bytes read.
  const size = await readToEnd(stream, (chunk) => {
    const headRoom = Math.max(0, BODY_HEAD_BYTES - kept);
    if (headRoom > 0) head.push(chunk.subarray(0, headRoom));
    if (chunk.byteLength > headRoom) tail.push(chunk.subarray(headRoom));
    kept += chunk.byteLength;
  });
  const bytes = concatBytes([...head, tail.bytes()]);
  return { bytes, size, truncated: size > bytes.byteLength };
}
