import type { KafkaMessage, TailRows, TailUpdate } from '../../contract.js';
import { messageKey, type RowSource } from './RowSource.js';

/** Rows kept here at most: the newest of each update and what the grid asked for while scrolling. */
const CACHE_ROWS = 4000;
/** Rows asked for in one call (the contract's cap). */
const ROWS_PER_CALL = 500;

export interface LiveCounts {
  received: number;
  count: number;
  dropped: number;
  perSecond: number;
}

/**
 * The window's side of a live tail whose records stay in main: the latest counts, and a bounded
 * cache of rows by record number (the newest ones come with every update; others are fetched as
 * the grid shows them). Record `n` is row `received - 1 - n`, newest first.
 */
export class LiveRows {
  private readonly cache = new Map<number, KafkaMessage>();
  private received = 0;
  private count = 0;
  private perSecond = 0;
  /** Records up to this number were cleared from view. */
  private clearedBelow = 0;
  private version = 0;
  private asking: { from: number; to: number } | null = null;

  constructor(
    private readonly fetchRows: (from: number, count: number) => Promise<TailRows>,
    /** Called when fetched rows arrived, so the grid can show them. */
    private readonly onRows: () => void,
  ) {}

  /** Takes an update from main; returns how many rows were added on top since the last one. */
  apply(u: TailUpdate): number {
    const added = Math.max(0, u.received - this.received);
    this.received = u.received;
    this.count = u.count;
    this.perSecond = u.perSecond;
    for (let i = u.newest.length - 1; i >= 0; i--) {
      // Re-inserted, so the newest rows are the last to be evicted.
      this.cache.delete(u.received - 1 - i);
      this.cache.set(u.received - 1 - i, u.newest[i]!);
    }
    this.prune();
    this.version++;
    return Math.min(added, this.shown());
  }

  /** Hides what is there now; counting starts again from here. */
  clear(): void {
    this.clearedBelow = this.received;
    this.cache.clear();
    this.version++;
  }

  /** The tail started over (a lost link came back): nothing from before is valid. */
  reset(): void {
    this.cache.clear();
    this.received = this.count = this.perSecond = this.clearedBelow = 0;
    this.version++;
  }

  counts(): LiveCounts {
    const received = this.received - this.clearedBelow;
    const count = this.shown();
    return { received, count, dropped: received - count, perSecond: this.perSecond };
  }

  /** A fixed view of the rows as they are now, for one render. */
  source(): RowSource {
    const newest = this.received - 1;
    const count = this.shown();
    return {
      count,
      version: this.version,
      at: (i) => (i >= 0 && i < count ? this.cache.get(newest - i) : undefined),
      load: (first, last) => this.load(newest - Math.min(last, count - 1), newest - first),
      keys: (first, last) => {
        const lo = newest - Math.min(last, count - 1);
        const hi = newest - first;
        const here: string[] = [];
        for (let n = hi; n >= lo; n--) {
          const m = this.cache.get(n);
          if (!m) return this.rowsBetween(lo, hi).then((rows) => rows.reverse().map(messageKey));
          here.push(messageKey(m));
        }
        return here;
      },
    };
  }

  private shown(): number {
    return Math.max(0, Math.min(this.count, this.received - this.clearedBelow));
  }

  /** Drops rows that left the window, then the longest-held ones beyond the cap. */
  private prune(): void {
    const oldest = Math.max(this.received - this.count, this.clearedBelow);
    for (const n of this.cache.keys()) if (n < oldest) this.cache.delete(n);
    for (const n of this.cache.keys()) {
      if (this.cache.size <= CACHE_ROWS) break;
      this.cache.delete(n);
    }
  }

  /** Fetches records `lo` to `hi` that are not here, one call at a time. */
  private load(lo: number, hi: number): void {
    if (lo > hi || this.asking) return;
    let from = lo;
    while (from <= hi && this.cache.has(from)) from++;
    let to = hi;
    while (to >= from && this.cache.has(to)) to--;
    if (from > to) return;
    const count = Math.min(ROWS_PER_CALL, to - from + 1);
    this.asking = { from, to: from + count - 1 };
    this.fetchRows(from, count)
      .then((got) => {
        this.store(got);
        this.version++;
        this.onRows();
      })
      .catch(() => undefined) // the tail stopped: its next update (or its error) says so
      .finally(() => (this.asking = null));
  }

  private store(got: TailRows): void {
    got.messages.forEach((m, i) => {
      const n = got.from + i;
      if (n >= this.clearedBelow) this.cache.set(n, m);
    });
    this.prune();
  }

  /** Records `lo` to `hi` still in the window, oldest first, from here or fetched. */
  private async rowsBetween(lo: number, hi: number): Promise<KafkaMessage[]> {
    const out: KafkaMessage[] = [];
    let from = lo;
    while (from <= hi) {
      const here = this.cache.get(from);
      if (here) {
        out.push(here);
        from++;
        continue;
      }
      const got = await this.fetchRows(from, Math.min(ROWS_PER_CALL, hi - from + 1));
      // Rows before `got.from` left the window meanwhile; none at all means the end was reached.
      if (got.messages.length === 0 && got.from <= from) break;
      out.push(...got.messages);
      from = got.from + got.messages.length;
    }
    return out;
  }
}
