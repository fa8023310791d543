/**
 * Append-only file of fixed-size entries mirrored in memory. Kafka memory-maps its index
 * files; Node has no mmap, so entries live in a growable Buffer (binary-searched) and every
 * append is also written through to the file with a positioned write.
 */
import fs from 'node:fs';
import { logFiles, type PooledFile } from './file-pool.js';

export class IndexFile {
  protected mem: Buffer;
  protected count = 0;
  private readonly file: PooledFile;
  /** Written since the last fsync. */
  private dirty = false;

  constructor(
    readonly path: string,
    protected readonly entrySize: number,
  ) {
    this.file = logFiles.file(path);
    // Created now, as before: recovery expects every segment's index files to exist.
    void this.fd;
    this.mem = Buffer.alloc(entrySize * 64);
  }

  /** Opened on demand from the shared pool (see file-pool.ts): use it for one call at a time. */
  private get fd(): number {
    return this.file.fd;
  }

  get entries(): number {
    return this.count;
  }

  /** Read the file into memory. Returns false when its size is not a whole number of entries. */
  loadRaw(): boolean {
    const size = fs.fstatSync(this.fd).size;
    if (size % this.entrySize !== 0) return false;
    this.mem = Buffer.alloc(Math.max(size, this.entrySize * 64));
    if (size > 0) fs.readSync(this.fd, this.mem, 0, size, 0);
    this.count = size / this.entrySize;
    return true;
  }

  protected appendRaw(entry: Buffer): void {
    const at = this.count * this.entrySize;
    if (at + this.entrySize > this.mem.length) {
      const next = Buffer.alloc(this.mem.length * 2);
      this.mem.copy(next, 0, 0, at);
      this.mem = next;
    }
    entry.copy(this.mem, at);
    fs.writeSync(this.fd, entry, 0, this.entrySize, at);
    this.dirty = true;
    this.count++;
  }

  /** Drop all entries (before a rebuild). */
  reset(): void {
    this.truncateEntries(0);
  }

  /** Keep only the first `n` entries (a torn or stale tail after a crash). */
  protected truncateEntries(n: number): void {
    fs.ftruncateSync(this.fd, n * this.entrySize);
    this.count = Math.min(this.count, n);
    this.dirty = true;
  }

  protected get fileSize(): number {
    return fs.fstatSync(this.fd).size;
  }

  /** Index of the last entry whose key (compared by `cmp`) is <= target, or -1. */
  protected floorIndex(keyAt: (i: number) => bigint, target: bigint): number {
    let lo = 0;
    let hi = this.count - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (keyAt(mid) <= target) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

  flush(): void {
    if (!this.dirty) return;
    fs.fsyncSync(this.fd);
    this.dirty = false;
  }

  close(): void {
    this.file.close();
  }

  delete(): void {
    this.close();
    fs.rmSync(this.path, { force: true });
  }
}
