/**
 * The newest N records of a live tail, newest first, in a fixed-size ring: adding a burst costs
 * its own length, never a copy of the window, and memory stays at N records however long it runs.
 */
export class RingWindow<T> {
  private buf: (T | undefined)[];
  private head = 0; // where the next item goes
  private size = 0;
  /** Records that were shown and pushed out by newer ones. */
  dropped = 0;
  received = 0;

  constructor(readonly capacity: number) {
    this.buf = new Array<T | undefined>(capacity);
  }

  get count(): number {
    return this.size;
  }

  /** Adds records in arrival order (oldest of the batch first). */
  push(items: readonly T[]): void {
    this.received += items.length;
    for (const item of items) {
      this.buf[this.head] = item;
      this.head = (this.head + 1) % this.capacity;
      if (this.size < this.capacity) this.size++;
      else this.dropped++;
    }
  }

  /** Counts records that arrived but were pushed out before they could be shown. */
  skip(n: number): void {
    this.received += n;
    this.dropped += n;
  }

  /** 0 is the newest. */
  at(index: number): T {
    return this.buf[(this.head - 1 - index + this.capacity * 2) % this.capacity]!;
  }

  clear(): void {
    this.buf = new Array<T | undefined>(this.capacity);
    this.head = 0;
    this.size = 0;
    this.dropped = 0;
    this.received = 0;
  }
}
