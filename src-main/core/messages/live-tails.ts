/**
 * The live tails running in this process, by the id their window chose. Each keeps its window of
 * the newest records here, in main, so a burst of 50,000 records/s never crosses to the window:
 * the window gets a small update at a bounded rate and asks for the rows it shows.
 */
import { AppError } from '../../contract/errors.js';
import { MESSAGE_LIMITS, type KafkaMessage, type TailRows } from '../../contract/messages.js';
import { LiveWindow } from './live-window.js';
import type { ReadRecord } from './read-record.js';

/** At most this many tails run at once (each window's previews take up to `WINDOW_MAX_BYTES`). */
export const MAX_LIVE_TAILS = 16;
/**
 * Preview bytes a window keeps: room for every record it may hold at the largest preview (a 4 KiB
 * value), up to a bound; the arena's pages are only touched as records fill it.
 */
const WINDOW_RECORD_BYTES = 4608;
const WINDOW_MIN_BYTES = 1024 * 1024;
const WINDOW_MAX_BYTES = 32 * 1024 * 1024;
const RATE_SPAN_MS = 1000;

export class LiveTail {
  readonly window: LiveWindow;
  private pausedNow = false;
  private resumed: (() => void) | null = null;
  private readonly arrivals: { at: number; n: number }[] = [];

  constructor(
    readonly id: string,
    capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    const bytes = Math.min(WINDOW_MAX_BYTES, Math.max(WINDOW_MIN_BYTES, capacity * WINDOW_RECORD_BYTES));
    this.window = new LiveWindow(capacity, bytes);
  }

  get paused(): boolean {
    return this.pausedNow;
  }

  setPaused(paused: boolean): void {
    this.pausedNow = paused;
    if (!paused) {
      this.resumed?.();
      this.resumed = null;
    }
  }

  /** Resolves at once when running, else once resumed or aborted. */
  whileRunning(signal: AbortSignal): Promise<void> {
    if (!this.pausedNow || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.resumed = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Adds records in arrival order. */
  add(records: readonly ReadRecord[]): void {
    this.window.add(records);
    this.arrivals.push({ at: this.now(), n: records.length });
  }

  /** Records that arrived in the last second. */
  perSecond(): number {
    const since = this.now() - RATE_SPAN_MS;
    while (this.arrivals.length > 0 && this.arrivals[0]!.at <= since) this.arrivals.shift();
    return this.arrivals.reduce((n, a) => n + a.n, 0);
  }

  /** The newest records, newest first. */
  newest(n: number): KafkaMessage[] {
    const out: KafkaMessage[] = [];
    for (let i = 0; i < Math.min(n, this.window.count); i++) out.push(this.window.at(i)!);
    return out;
  }

  /** Records numbered `from` on (at most `count`) that are still in the window. */
  rows(from: number, count: number): TailRows {
    const w = this.window;
    const first = Math.max(from, w.received - w.count);
    const end = Math.min(from + count, w.received);
    const messages: KafkaMessage[] = [];
    for (let n = first; n < end; n++) messages.push(w.numbered(n)!);
    return { from: first, messages };
  }
}

export class LiveTails {
  private readonly tails = new Map<string, LiveTail>();

  /** A window that starts its tail again (a lost link came back) replaces its earlier one. */
  open(id: string, capacity: number): LiveTail {
    if (!this.tails.has(id) && this.tails.size >= MAX_LIVE_TAILS) {
      throw new AppError(
        'VALIDATION',
        `${MAX_LIVE_TAILS} live tails are already running. Close a live view to start another.`,
      );
    }
    const tail = new LiveTail(id, Math.min(capacity, MESSAGE_LIMITS.tailWindow));
    this.tails.set(id, tail);
    return tail;
  }

  close(tail: LiveTail): void {
    if (this.tails.get(tail.id) === tail) this.tails.delete(tail.id);
  }

  get(id: string): LiveTail {
    const tail = this.tails.get(id);
    if (!tail) throw new AppError('NOT_FOUND', 'This live tail has stopped. Open the live view again.');
    return tail;
  }

  get size(): number {
    return this.tails.size;
  }
}
