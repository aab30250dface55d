/** Keeps the last `limit` bytes of a stream of chunks (a job's combined stdout and stderr), whatever its length. */
export class OutputTail {
  private chunks: Buffer[] = [];
  private kept = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.kept += chunk.length;
    // Drop whole chunks from the front while what remains still covers the limit.
    for (let first = this.chunks[0]; first && this.kept - first.length >= this.limit; first = this.chunks[0]) {
      this.chunks.shift();
      this.kept -= first.length;
    }
  }

  bytes(): Buffer {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit));
  }
}
