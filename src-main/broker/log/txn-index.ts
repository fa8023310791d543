/**
 * Aborted-transaction index (`.txnindex`), one per segment as in Kafka: a 34-byte entry
 * [version int16, producerId int64, firstOffset int64, lastOffset int64, lastStableOffset int64]
 * for every transaction whose ABORT marker sits in the segment. A read_committed Fetch lists the
 * aborted transactions overlapping the records it returns from these entries, so consumers can
 * drop those records without reading anything twice.
 *
 * Written through (positioned write) right after the marker is appended, before the EndTxn is
 * answered. After a crash the log replays the batches after its producer snapshot and re-adds an
 * entry whose write was lost (`appendIfNew`); entries for markers a torn write cut off are dropped
 * when the segment is opened (`load`).
 */
import { IndexFile } from './index-file.js';

const ENTRY = 34;
const VERSION = 0;

export interface AbortedTxn {
  producerId: bigint;
  firstOffset: bigint;
  /** Offset of the ABORT marker. */
  lastOffset: bigint;
  /** The partition's last stable offset once this transaction was aborted. */
  lastStableOffset: bigint;
}

export class TransactionIndex extends IndexFile {
  private readonly scratch = Buffer.alloc(ENTRY);

  constructor(path: string) {
    super(path, ENTRY);
  }

  entryAt(i: number): AbortedTxn {
    const at = i * ENTRY;
    return {
      producerId: this.mem.readBigInt64BE(at + 2),
      firstOffset: this.mem.readBigInt64BE(at + 10),
      lastOffset: this.mem.readBigInt64BE(at + 18),
      lastStableOffset: this.mem.readBigInt64BE(at + 26),
    };
  }

  private lastOffsetAt(i: number): bigint {
    return this.mem.readBigInt64BE(i * ENTRY + 18);
  }

  /**
   * Reads the file, keeping only whole, well-formed entries in marker order whose marker is below
   * `logEndOffset`; anything after the first bad entry is cut from the file.
   */
  load(logEndOffset: bigint): void {
    const whole = Math.floor(this.fileSize / ENTRY);
    if (whole * ENTRY !== this.fileSize) this.truncateEntries(whole);
    if (!this.loadRaw()) return;
    let keep = 0;
    let prev = -1n;
    while (keep < this.count) {
      const version = this.mem.readInt16BE(keep * ENTRY);
      const e = this.entryAt(keep);
      if (version !== VERSION || e.lastOffset >= logEndOffset || e.lastOffset <= prev || e.firstOffset > e.lastOffset)
        break;
      prev = e.lastOffset;
      keep++;
    }
    if (keep < this.count) this.truncateEntries(keep);
  }

  append(e: AbortedTxn): void {
    this.scratch.writeInt16BE(VERSION, 0);
    this.scratch.writeBigInt64BE(e.producerId, 2);
    this.scratch.writeBigInt64BE(e.firstOffset, 10);
    this.scratch.writeBigInt64BE(e.lastOffset, 18);
    this.scratch.writeBigInt64BE(e.lastStableOffset, 26);
    this.appendRaw(this.scratch);
  }

  /** Appends unless an entry for this marker (or a later one) is already there: replay after a crash. */
  appendIfNew(e: AbortedTxn): void {
    if (this.count > 0 && this.lastOffsetAt(this.count - 1) >= e.lastOffset) return;
    this.append(e);
  }

  /**
   * Adds to `out` the entries of transactions overlapping [fetchOffset, upperBound). Returns true
   * once an entry shows every transaction that could overlap has been seen (its lastStableOffset
   * is past upperBound), so later segments need not be read.
   */
  collect(fetchOffset: bigint, upperBound: bigint, out: AbortedTxn[]): boolean {
    for (let i = 0; i < this.count; i++) {
      const e = this.entryAt(i);
      if (e.lastOffset >= fetchOffset && e.firstOffset < upperBound) out.push(e);
      if (e.lastStableOffset > upperBound) return true;
    }
    return false;
  }
}
