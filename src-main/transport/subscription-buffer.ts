import type { SubscriptionSink } from './dispatcher.js';

/** Items sent in one batch at most; a burst larger than this goes out in several frames. */
export const MAX_BATCH_ITEMS = 500;

/**
 * Collects the items a subscription emits within one turn of the event loop and hands them to
 * the transport as one batch, so a burst of thousands of records becomes a few frames, not
 * thousands. `whenWritable` lets a fast producer wait until the batch is out and the transport has
 * room again.
 */
export class SubscriptionBuffer {
  private pending: unknown[] = [];
  private scheduled = false;
  private discarded = false;

  constructor(private readonly sink: SubscriptionSink) {}

  push(item: unknown): void {
    if (this.discarded) return;
    this.pending.push(item);
    if (this.pending.length >= MAX_BATCH_ITEMS) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.discarded || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.sink.items(batch);
  }

  async whenWritable(): Promise<void> {
    this.flush();
    if (!this.discarded) await this.sink.writable();
  }

  discard(): void {
    this.discarded = true;
    this.pending = [];
  }
}
