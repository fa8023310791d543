/**
 * Sparse offset index (`.index`): 8-byte entries [relativeOffset int32, position int32], one per
 * ~indexIntervalBytes of log, pointing at the start of a batch. Same layout as Kafka's.
 */
import { IndexFile } from './index-file.js';

const ENTRY = 8;

export class OffsetIndex extends IndexFile {
  private readonly scratch = Buffer.alloc(ENTRY);

  constructor(
    path: string,
    readonly baseOffset: bigint,
  ) {
    super(path, ENTRY);
  }

  relativeOffsetAt(i: number): number {
    return this.mem.readInt32BE(i * ENTRY);
  }

  positionAt(i: number): number {
    return this.mem.readInt32BE(i * ENTRY + 4);
  }

  lastOffset(): bigint {
    return this.count === 0 ? this.baseOffset : this.baseOffset + BigInt(this.relativeOffsetAt(this.count - 1));
  }

  lastPosition(): number {
    return this.count === 0 ? 0 : this.positionAt(this.count - 1);
  }

  append(offset: bigint, position: number): void {
    this.scratch.writeInt32BE(Number(offset - this.baseOffset), 0);
    this.scratch.writeInt32BE(position, 4);
    this.appendRaw(this.scratch);
  }

  /** Position of the last indexed batch starting at or before `offset` (0 when none). */
  lookup(offset: bigint): number {
    const rel = offset - this.baseOffset;
    if (rel < 0n || this.count === 0) return 0;
    const i = this.floorIndex((k) => BigInt(this.relativeOffsetAt(k)), rel);
    return i < 0 ? 0 : this.positionAt(i);
  }

  /** Strictly increasing offsets and positions, all inside the log file. */
  isSane(logSize: number): boolean {
    let prevRel = -1;
    let prevPos = -1;
    for (let i = 0; i < this.count; i++) {
      const rel = this.relativeOffsetAt(i);
      const pos = this.positionAt(i);
      if (rel <= prevRel || pos <= prevPos || pos >= logSize) return false;
      prevRel = rel;
      prevPos = pos;
    }
    return true;
  }
}
