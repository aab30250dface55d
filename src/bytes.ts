/** Joins byte arrays into one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

/**
 * The last `limit` bytes of a stream of chunks, whatever its length, keeping only as many chunks as that
 * needs. Used for a ping's body (routes/ping-body.ts) and for a job's output in `lubdub run`.
 */
export class ByteTail {
  private chunks: Uint8Array[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}

  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
    // Drop whole chunks from the front while what remains still covers the limit.
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
