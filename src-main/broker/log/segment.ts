/**
 * One log segment: `<base>.log` (concatenated batches) plus its sparse `.index` and `.timeindex`, and
 * a `.txnindex` of aborted transactions once one is aborted in it.
 * Writes are positioned `writeSync` calls on an open fd, so an acknowledged append is in the OS
 * page cache and survives the process being killed; `flush()` adds the fsync.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  BATCH_HEADER_SIZE,
  LOG_OVERHEAD,
  MIN_BATCH_LENGTH,
  forEachBatchHeader,
  parseBatchHeader,
  validateBatch,
  type BatchHeader,
} from '../../kafka-protocol/index.js';
import { logFiles, type PooledFile } from './file-pool.js';
import { OffsetIndex } from './offset-index.js';
import { TimeIndex } from './time-index.js';
import { TransactionIndex } from './txn-index.js';

export function segmentFileName(baseOffset: bigint, suffix: string): string {
  return baseOffset.toString().padStart(20, '0') + suffix;
}

/** A batch as seen by the segment: where it is and what offsets/timestamp it carries. */
export interface BatchSummary {
  baseOffset: bigint;
  lastOffset: bigint;
  maxTimestamp: bigint;
  size: number;
}

const SCAN_CHUNK = 1024 * 1024;

export class LogSegment {
  readonly logPath: string;
  private readonly file: PooledFile;
  size = 0;
  /** Offset after the last batch in this segment (baseOffset when empty). */
  nextOffset: bigint;
  maxTimestamp = -1n;
  /** Base offset of the batch holding maxTimestamp. */
  offsetOfMaxTimestamp = -1n;
  /** Wall-clock time the segment was created or opened, for segment.ms rolling. */
  readonly createdMs = Date.now();
  index: OffsetIndex;
  timeIndex: TimeIndex;
  private bytesSinceLastIndexEntry = 0;
  /** Written since the last fsync: a clean segment's flush costs nothing (50,000 partitions stop fast). */
  private dirty = false;
  /** Opened on first use: most segments never see an aborted transaction. */
  private txn: TransactionIndex | null = null;
  private readonly header = Buffer.alloc(BATCH_HEADER_SIZE);

  constructor(
    readonly dir: string,
    readonly baseOffset: bigint,
    private readonly indexIntervalBytes: number,
  ) {
    this.logPath = path.join(dir, segmentFileName(baseOffset, '.log'));
    this.file = logFiles.file(this.logPath);
    this.size = fs.fstatSync(this.fd).size;
    this.nextOffset = baseOffset;
    this.index = new OffsetIndex(path.join(dir, segmentFileName(baseOffset, '.index')), baseOffset);
    this.timeIndex = new TimeIndex(path.join(dir, segmentFileName(baseOffset, '.timeindex')), baseOffset);
  }

  /** Opened on demand from the shared pool (see file-pool.ts): use it for one call at a time. */
  private get fd(): number {
    return this.file.fd;
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  private get txnIndexPath(): string {
    return path.join(this.dir, segmentFileName(this.baseOffset, '.txnindex'));
  }

  /** Opens the aborted-transaction index if the segment has one; call once the segment's end is known. */
  loadTxnIndex(): void {
    if (this.txn || !fs.existsSync(this.txnIndexPath)) return;
    this.txn = new TransactionIndex(this.txnIndexPath);
    this.txn.load(this.nextOffset);
  }

  /** The aborted-transaction index: null when there is none and `create` is false. */
  txnIndex(create: boolean): TransactionIndex | null {
    if (!this.txn && create) this.txn = new TransactionIndex(this.txnIndexPath);
    return this.txn;
  }

  /**
   * Fast load for a segment whose files are trusted: read the indexes, check them, then walk the
   * batch headers after the last index entry to find the segment's end offset and max timestamp.
   * Returns false when anything is inconsistent; the caller then runs `recover()`.
   */
  loadFromIndexes(): boolean {
    if (!this.index.loadRaw() || !this.timeIndex.loadRaw()) return false;
    if (!this.index.isSane(this.size) || !this.timeIndex.isSane()) return false;
    if (this.size > 0 && this.timeIndex.entries === 0 && this.index.entries > 0) return false;
    const lastTime = this.timeIndex.lastEntry();
    if (lastTime) {
      this.maxTimestamp = lastTime.timestamp;
      this.offsetOfMaxTimestamp = lastTime.offset;
    }
    let pos = this.index.lastPosition();
    let expectedMin = this.index.lastOffset();
    let since = 0;
    while (pos < this.size) {
      // An entry is due every indexIntervalBytes: a longer unindexed tail means a lost index.
      if (since >= this.indexIntervalBytes && pos > 0) return false;
      if (pos + BATCH_HEADER_SIZE > this.size) return false;
      fs.readSync(this.fd, this.header, 0, BATCH_HEADER_SIZE, pos);
      const h = parseBatchHeader(this.header);
      if (h.magic !== 2 || h.batchLength < MIN_BATCH_LENGTH || h.baseOffset < expectedMin) return false;
      const size = h.batchLength + LOG_OVERHEAD;
      if (pos + size > this.size) return false;
      this.noteBatch(h);
      expectedMin = this.nextOffset;
      pos += size;
      since += size;
    }
    this.bytesSinceLastIndexEntry = this.size - this.index.lastPosition();
    return true;
  }

  /**
   * Full recovery: validate every batch (size, magic, CRC, increasing offsets), truncate the
   * file at the first invalid byte, and rebuild both indexes. Returns the bytes truncated.
   */
  recover(onBatch?: (h: BatchHeader) => void): number {
    this.index.reset();
    this.timeIndex.reset();
    this.bytesSinceLastIndexEntry = 0;
    this.maxTimestamp = -1n;
    this.offsetOfMaxTimestamp = -1n;
    this.nextOffset = this.baseOffset;
    let pos = 0;
    let chunk = Buffer.allocUnsafe(Math.min(SCAN_CHUNK, Math.max(this.size, BATCH_HEADER_SIZE)));
    let valid = true;
    while (valid && pos < this.size) {
      const len = Math.min(chunk.length, this.size - pos);
      const n = fs.readSync(this.fd, chunk, 0, len, pos);
      let off = 0;
      let grew = false;
      while (off < n) {
        const remaining = n - off;
        if (remaining < BATCH_HEADER_SIZE) {
          if (pos + n >= this.size) valid = false; // torn header at the end of the file
          break;
        }
        const batchLength = chunk.readInt32BE(off + 8);
        const size = batchLength + LOG_OVERHEAD;
        if (batchLength < MIN_BATCH_LENGTH || pos + off + size > this.size) {
          valid = false;
          break;
        }
        if (size > remaining) {
          if (off === 0) {
            chunk = Buffer.allocUnsafe(size); // one batch larger than the chunk: re-read it whole
            grew = true;
          }
          break;
        }
        try {
          validateBatch(chunk, off, size);
        } catch {
          valid = false;
          break;
        }
        const h = parseBatchHeader(chunk, off);
        if (h.baseOffset < this.nextOffset || h.lastOffsetDelta < 0) {
          valid = false;
          break;
        }
        this.indexBatch(h, pos + off, size);
        onBatch?.(h);
        off += size;
      }
      pos += off;
      if (off === 0 && !grew) break;
    }
    const truncated = this.size - pos;
    if (truncated > 0) {
      fs.ftruncateSync(this.fd, pos);
      this.dirty = true;
      this.size = pos;
    }
    return truncated;
  }

  private noteBatch(h: BatchHeader): void {
    if (h.maxTimestamp > this.maxTimestamp) {
      this.maxTimestamp = h.maxTimestamp;
      this.offsetOfMaxTimestamp = h.baseOffset;
    }
    this.nextOffset = h.baseOffset + BigInt(h.lastOffsetDelta) + 1n;
  }

  /** Update stats and the sparse indexes for a batch written at `position`. */
  private indexBatch(
    h: Pick<BatchHeader, 'baseOffset' | 'lastOffsetDelta' | 'maxTimestamp'>,
    position: number,
    size: number,
  ): void {
    if (h.maxTimestamp > this.maxTimestamp) {
      this.maxTimestamp = h.maxTimestamp;
      this.offsetOfMaxTimestamp = h.baseOffset;
    }
    this.nextOffset = h.baseOffset + BigInt(h.lastOffsetDelta) + 1n;
    if (this.bytesSinceLastIndexEntry >= this.indexIntervalBytes && position > 0) {
      this.index.append(h.baseOffset, position);
      this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp);
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += size;
  }

  /**
   * Append already-validated batches (contiguous in `data`) at the end of the file.
   * `batches` describe them in order, with positions relative to `data`.
   */
  append(
    data: Buffer,
    batches: { baseOffset: bigint; lastOffsetDelta: number; maxTimestamp: bigint; position: number; size: number }[],
  ): void {
    const start = this.size;
    let written = 0;
    while (written < data.length) {
      written += fs.writeSync(this.fd, data, written, data.length - written, start + written);
    }
    this.dirty = true;
    this.size += data.length;
    for (const b of batches) this.indexBatch(b, start + b.position, b.size);
  }

  /** Truncate back after a failed write. */
  truncateTo(size: number): void {
    fs.ftruncateSync(this.fd, size);
    this.dirty = true;
    this.size = size;
  }

  /** Positioned read of [position, position+length), into `out` when given (at least `length` long). */
  readAt(position: number, length: number, out: Buffer = Buffer.allocUnsafe(length)): Buffer {
    let got = 0;
    while (got < length) {
      const n = fs.readSync(this.fd, out, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    return got === out.length ? out : out.subarray(0, got);
  }

  /** Read the batch header at `position`, or null past the end. */
  headerAt(position: number): BatchHeader | null {
    if (position + BATCH_HEADER_SIZE > this.size) return null;
    fs.readSync(this.fd, this.header, 0, BATCH_HEADER_SIZE, position);
    return parseBatchHeader(this.header);
  }

  /** Position of the first batch whose last offset is >= `offset`, or -1 if none in this segment. */
  findBatchPosition(offset: bigint, startPosition = this.index.lookup(offset)): number {
    let pos = startPosition;
    for (;;) {
      const h = this.headerAt(pos);
      if (!h) return -1;
      if (h.baseOffset + BigInt(h.lastOffsetDelta) >= offset) return pos;
      pos += h.batchLength + LOG_OVERHEAD;
    }
  }

  /** Visit batch headers from `position` to the end, reading in large chunks. Stop by returning false. */
  scan(fn: (h: BatchHeader, position: number, batch: Buffer) => boolean | void, position = 0): void {
    let pos = position;
    while (pos < this.size) {
      const chunk = this.readAt(pos, Math.min(SCAN_CHUNK, this.size - pos));
      let stop = false;
      const used = forEachBatchHeader(chunk, (h, off) => {
        if (stop) return;
        if (fn(h, pos + off, chunk.subarray(off, off + h.batchLength + LOG_OVERHEAD)) === false) stop = true;
      });
      if (stop) return;
      if (used === 0) {
        // A batch larger than the chunk: read it whole.
        const h = this.headerAt(pos);
        if (!h || h.batchLength < MIN_BATCH_LENGTH) return;
        const size = h.batchLength + LOG_OVERHEAD;
        if (pos + size > this.size) return;
        if (fn(h, pos, this.readAt(pos, size)) === false) return;
        pos += size;
      } else pos += used;
    }
  }

  /** Called when the segment stops being active: final time index entry, then fsync. */
  onBecomeInactive(): void {
    this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp);
    this.flush();
  }

  lastModifiedMs(): number {
    return fs.fstatSync(this.fd).mtimeMs;
  }

  flush(): void {
    if (this.dirty) {
      fs.fsyncSync(this.fd);
      this.dirty = false;
    }
    this.index.flush();
    this.timeIndex.flush();
    this.txn?.flush();
  }

  close(): void {
    this.file.close();
    this.index.close();
    this.timeIndex.close();
    this.txn?.close();
    this.txn = null;
  }

  delete(): void {
    this.close();
    fs.rmSync(this.logPath, { force: true });
    this.index.delete();
    this.timeIndex.delete();
    fs.rmSync(this.txnIndexPath, { force: true });
  }
}
