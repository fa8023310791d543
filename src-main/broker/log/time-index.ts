/**
 * Sparse time index (`.timeindex`): 12-byte entries [timestamp int64, relativeOffset int32].
 * Each entry is the largest timestamp seen so far in the segment and the base offset of the
 * batch holding it, so timestamps and offsets are both non-decreasing (Kafka's layout).
 */
import { IndexFile } from './index-file.js';

const ENTRY = 12;

export class TimeIndex extends IndexFile {
  private readonly scratch = Buffer.alloc(ENTRY);

  constructor(
    path: string,
    readonly baseOffset: bigint,
  ) {
    super(path, ENTRY);
  }

  timestampAt(i: number): bigint {
    return this.mem.readBigInt64BE(i * ENTRY);
  }

  offsetAt(i: number): bigint {
    return this.baseOffset + BigInt(this.mem.readInt32BE(i * ENTRY + 8));
  }

  lastEntry(): { timestamp: bigint; offset: bigint } | null {
    if (this.count === 0) return null;
    return { timestamp: this.timestampAt(this.count - 1), offset: this.offsetAt(this.count - 1) };
  }

  /** Append only when the timestamp grows, keeping the index monotonic. */
  maybeAppend(timestamp: bigint, offset: bigint): void {
    if (timestamp < 0n) return;
    const last = this.lastEntry();
    if (last && timestamp <= last.timestamp) return;
    this.scratch.writeBigInt64BE(timestamp, 0);
    this.scratch.writeInt32BE(Number(offset - this.baseOffset), 8);
    this.appendRaw(this.scratch);
  }

  /**
   * Offset to start scanning from to find the first record with timestamp >= target: the entry
   * with the largest timestamp < target (every batch before it is older than target).
   */
  lookup(target: bigint): bigint {
    const i = this.floorIndex((k) => this.timestampAt(k), target - 1n);
    return i < 0 ? this.baseOffset : this.offsetAt(i);
  }

  isSane(): boolean {
    let prevTs = -1n;
    let prevOff = this.baseOffset - 1n;
    for (let i = 0; i < this.count; i++) {
      const ts = this.timestampAt(i);
      const off = this.offsetAt(i);
      if (ts <= prevTs || off < prevOff || off < this.baseOffset) return false;
      prevTs = ts;
      prevOff = off;
    }
    return true;
  }
}
