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
  /** Records above a held view, not listed until it follows again. */
  newer: number;
}

/**
 * The window's side of a live tail whose records stay in main: the latest counts, and a bounded
 * cache of rows by record number (the newest ones come with every update; others are fetched as
 * the grid shows them). Rows are newest first from an anchor: the newest record while following,
 * held still while the person reads further down (new records then wait above, counted).
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
  /** Records before this number are listed; it follows `received` unless the view is held. */
  private anchor = 0;
  private held = false;

  private listener: () => void = () => undefined;

  constructor(private readonly fetchRows: (from: number, count: number) => Promise<TailRows>) {}

  /** Calls `listener` when fetched rows arrived, so the grid can show them; returns how to stop. */
  onRows(listener: () => void): () => void {
    this.listener = listener;
    return () => (this.listener = () => undefined);
  }

  /** Takes an update from main. */
  apply(u: TailUpdate): void {
    this.received = u.received;
    this.count = u.count;
    this.perSecond = u.perSecond;
    // A held view lists older rows: the newest would only push them out of the cache.
    if (!this.holding()) {
      for (let i = u.newest.length - 1; i >= 0; i--) {
        // Re-inserted, so the newest rows are the last to be evicted.
        this.cache.delete(u.received - 1 - i);
        this.cache.set(u.received - 1 - i, u.newest[i]!);
      }
    }
    this.prune();
    this.version++;
  }

  /** Holds the rows still (the person scrolled down to read) or lets them follow the newest again. */
  hold(held: boolean): void {
    this.held = held;
    this.version++;
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
    this.received = this.count = this.perSecond = this.clearedBelow = this.anchor = 0;
    this.version++;
  }

  counts(): LiveCounts {
    const received = this.received - this.clearedBelow;
    const count = Math.max(0, Math.min(this.count, received));
    return {
      received,
      count,
      dropped: received - count,
      perSecond: this.perSecond,
      newer: this.received - this.anchor,
    };
  }

  /** A fixed view of the rows as they are now, for one render. */
  source(): RowSource {
    if (!this.holding()) this.anchor = this.received;
    const newest = this.anchor - 1;
    const count = Math.max(0, this.anchor - this.oldestListed());
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

  /** Held, and some of the held rows are still in the window (else it follows again). */
  private holding(): boolean {
    return this.held && this.anchor > this.oldestListed();
  }

  private oldestListed(): number {
    return Math.max(this.received - this.count, this.clearedBelow);
  }

  /** Drops rows that left the window, then the longest-held ones beyond the cap. */
  private prune(): void {
    const oldest = this.oldestListed();
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
        this.listener();
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
