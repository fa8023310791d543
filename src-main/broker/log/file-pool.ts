/**
 * Open files of the log, kept under a budget. Every partition has a segment and two index files;
 * holding them all open stops a sandbox at a few thousand partitions (the process's open-file
 * limit), where a development cluster may have 50,000. Files open on first use and the least
 * recently used ones are closed when the budget is reached. All I/O on them is positioned and
 * synchronous, so closing and reopening a file between two calls changes nothing a reader sees.
 */
import fs from 'node:fs';

/** Far below common limits (Linux often 1,024 soft raised by Node to the hard limit; macOS 10,240). */
export const DEFAULT_OPEN_FILE_BUDGET = 2_048;

export class FilePool {
  /** Insertion order is use order: the first entry is the least recently used. */
  private readonly open = new Map<PooledFile, number>();

  constructor(private budget = DEFAULT_OPEN_FILE_BUDGET) {}

  get openCount(): number {
    return this.open.size;
  }

  /** For tests and for a broker told to use fewer files. */
  setBudget(n: number): void {
    this.budget = Math.max(1, n);
    this.shrink();
  }

  file(path: string): PooledFile {
    return new PooledFile(this, path);
  }

  /** @internal */ fdOf(f: PooledFile, open: () => number): number {
    const fd = this.open.get(f);
    if (fd !== undefined) {
      this.open.delete(f);
      this.open.set(f, fd);
      return fd;
    }
    const opened = open();
    this.open.set(f, opened);
    this.shrink(f);
    return opened;
  }

  /** @internal */ release(f: PooledFile): void {
    const fd = this.open.get(f);
    if (fd === undefined) return;
    this.open.delete(f);
    fs.closeSync(fd);
  }

  private shrink(keep?: PooledFile): void {
    for (const f of this.open.keys()) {
      if (this.open.size <= this.budget) return;
      if (f !== keep) this.release(f);
    }
  }
}

export class PooledFile {
  private created = false;
  private closed = false;

  constructor(
    private readonly pool: FilePool,
    readonly path: string,
  ) {}

  /**
   * A descriptor for the next synchronous call; do not keep it across calls that may touch other
   * files. The first open creates the file; a reopen does not, so a file removed behind the log's
   * back fails loudly instead of coming back empty.
   */
  get fd(): number {
    if (this.closed) throw new Error(`${this.path} is closed`);
    return this.pool.fdOf(this, () => {
      const flags = fs.constants.O_RDWR | (this.created ? 0 : fs.constants.O_CREAT);
      const fd = fs.openSync(this.path, flags, 0o644);
      this.created = true;
      return fd;
    });
  }

  close(): void {
    this.closed = true;
    this.pool.release(this);
  }
}

/** The broker process's one pool: every partition log shares the budget. */
export const logFiles = new FilePool();
