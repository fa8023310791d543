/**
 * Splits a TCP byte stream into Kafka request frames: a 4-byte big-endian size, then that many bytes.
 * Chunks are kept in a list and joined once per frame, so a large produce request that arrives in
 * many pieces is copied only once.
 */

/** Smallest valid request: apiKey(2) + apiVersion(2) + correlationId(4). */
export const MIN_FRAME_BYTES = 8;
/** Kafka's socket.request.max.bytes default (100 MiB). */
export const DEFAULT_MAX_FRAME_BYTES = 100 * 1024 * 1024;

export class FrameSizeError extends Error {
  constructor(readonly size: number) {
    super(`invalid request size ${size}`);
    this.name = 'FrameSizeError';
  }
}

export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Size of the frame being assembled, or -1 while the size prefix is still incomplete. */
  private need = -1;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /** Bytes received but not yet returned as a frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /**
   * Adds a chunk and returns the frames it completes (payload without the size prefix).
   * Throws FrameSizeError on a size outside [8, max]; the caller must then drop the connection.
   */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.need < 0) {
        if (this.buffered < 4) break;
        const size = this.readSize();
        if (size < MIN_FRAME_BYTES || size > this.maxFrameBytes) throw new FrameSizeError(size);
        this.need = size;
      }
      if (this.buffered < this.need) break;
      frames.push(this.take(this.need));
      this.need = -1;
    }
    return frames;
  }

  private readSize(): number {
    const head = this.take(4);
    return head.readInt32BE(0);
  }

  /** Removes n bytes from the front of the buffered chunks; no copy when they sit in one chunk. */
  private take(n: number): Buffer {
    const first = this.chunks[0];
    if (first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0];
      const want = n - filled;
      if (c.length <= want) {
        c.copy(out, filled);
        filled += c.length;
        this.chunks.shift();
      } else {
        c.copy(out, filled, 0, want);
        this.chunks[0] = c.subarray(want);
        filled += want;
      }
    }
    this.buffered -= n;
    return out;
  }
}
