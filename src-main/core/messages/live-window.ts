/**
 * The newest records of a live tail, kept as previews in one byte arena and a few typed arrays:
 * no object per record stays alive, so a burst of 50,000 records/s costs the garbage collector
 * nothing beyond the decoder's own short-lived objects. Rows are made only when asked for.
 *
 * Records are numbered in arrival order from 0; the window holds the newest `capacity` of them,
 * fewer when their previews outgrow the arena (always at least the newest one).
 */
import type { Bytes, KafkaMessage, MessageHeader } from '../../contract/messages.js';
import { PREVIEW, type ReadRecord } from './read-record.js';

/** Header names are kept up to this many bytes (they are short in practice). */
const HEADER_KEY_BYTES = 1024;
const NULL = -1;

export class LiveWindow {
  private readonly arena: Buffer;
  private readonly partition: Int32Array;
  private readonly offset: BigInt64Array;
  private readonly timestamp: Float64Array;
  /** Where each record's previews begin, counted in bytes ever written (the arena wraps). */
  private readonly start: Float64Array;
  private written = 0;
  /** The oldest record still in the window. */
  private oldest = 0;
  /** Records ever added; the newest is number `received - 1`. */
  received = 0;

  constructor(
    readonly capacity: number,
    arenaBytes: number,
  ) {
    this.arena = Buffer.allocUnsafeSlow(Math.max(arenaBytes, maxPreviewBytes() * 2));
    this.partition = new Int32Array(capacity);
    this.offset = new BigInt64Array(capacity);
    this.timestamp = new Float64Array(capacity);
    this.start = new Float64Array(capacity);
  }

  get count(): number {
    return this.received - this.oldest;
  }

  /** Records that were in the window and were pushed out by newer ones. */
  get dropped(): number {
    return this.oldest;
  }

  /** Adds records in arrival order; of a burst larger than the window only the newest are stored. */
  add(records: readonly ReadRecord[]): void {
    const skip = Math.max(0, records.length - this.capacity);
    if (skip > 0) {
      // Everything there now would be pushed out by the burst's newest `capacity` anyway.
      this.received += skip;
      this.oldest = this.received;
    }
    for (let i = skip; i < records.length; i++) this.push(records[i]!);
  }

  /** Record number `n` as a row, or undefined once it has left the window (or has not arrived). */
  numbered(n: number): KafkaMessage | undefined {
    return n >= this.oldest && n < this.received ? this.row(n) : undefined;
  }

  /** 0 is the newest. */
  at(index: number): KafkaMessage | undefined {
    return this.numbered(this.received - 1 - index);
  }

  private push(r: ReadRecord): void {
    const size = this.arena.length;
    // A record's previews are contiguous: one that would not fit before the end starts at the beginning.
    if ((this.written % size) + maxPreviewBytes(r) > size) this.written += size - (this.written % size);
    const slot = this.received % this.capacity;
    this.start[slot] = this.written;
    this.partition[slot] = r.partition;
    this.offset[slot] = r.offset;
    this.timestamp[slot] = r.timestamp;
    this.written += this.writePreviews(r, this.written % size) - (this.written % size);
    this.received++;
    // Out go records beyond the count and those whose bytes the arena has written over.
    if (this.received - this.oldest > this.capacity) this.oldest = this.received - this.capacity;
    while (this.oldest < this.received - 1 && this.written - this.start[this.oldest % this.capacity]! > size) {
      this.oldest++;
    }
  }

  /** Writes key, value and headers at `at`; returns where they end. */
  private writePreviews(r: ReadRecord, at: number): number {
    let p = this.writeBytes(r.key, PREVIEW.key, at);
    p = this.writeBytes(r.value, PREVIEW.value, p);
    const headers = Math.min(r.headers.length, PREVIEW.headers);
    p = this.arena.writeInt32LE(headers, p);
    for (let i = 0; i < headers; i++) {
      const h = r.headers[i]!;
      const n = this.arena.write(h.key, p + 4, HEADER_KEY_BYTES, 'utf8');
      this.arena.writeInt32LE(n, p);
      p = this.writeBytes(h.value, PREVIEW.header, p + 4 + n);
    }
    return p;
  }

  /** [size or -1 for null][stored][the first `stored` bytes] */
  private writeBytes(b: Buffer | null, max: number, at: number): number {
    if (b === null) return this.arena.writeInt32LE(NULL, at);
    const stored = Math.min(b.length, max);
    this.arena.writeInt32LE(b.length, at);
    this.arena.writeInt32LE(stored, at + 4);
    b.copy(this.arena, at + 8, 0, stored);
    return at + 8 + stored;
  }

  private row(n: number): KafkaMessage {
    const slot = n % this.capacity;
    const cursor = { p: this.start[slot]! % this.arena.length };
    const key = this.readBytes(cursor);
    const value = this.readBytes(cursor);
    const headers: MessageHeader[] = [];
    const count = this.arena.readInt32LE(cursor.p);
    cursor.p += 4;
    for (let i = 0; i < count; i++) {
      const len = this.arena.readInt32LE(cursor.p);
      const name = this.arena.toString('utf8', cursor.p + 4, cursor.p + 4 + len);
      cursor.p += 4 + len;
      headers.push({ key: name, value: this.readBytes(cursor) });
    }
    return {
      partition: this.partition[slot]!,
      offset: this.offset[slot]!.toString(),
      timestamp: this.timestamp[slot]!,
      key,
      value,
      headers,
    };
  }

  private readBytes(cursor: { p: number }): Bytes | null {
    const size = this.arena.readInt32LE(cursor.p);
    if (size === NULL) {
      cursor.p += 4;
      return null;
    }
    const stored = this.arena.readInt32LE(cursor.p + 4);
    const from = cursor.p + 8;
    cursor.p = from + stored;
    return { base64: this.arena.toString('base64', from, from + stored), size, truncated: stored < size };
  }
}

/** The most a record's previews can take in the arena (`r` omitted: any record). */
function maxPreviewBytes(r?: ReadRecord): number {
  const headers = Math.min(r ? r.headers.length : PREVIEW.headers, PREVIEW.headers);
  const key = r ? Math.min(r.key?.length ?? 0, PREVIEW.key) : PREVIEW.key;
  const value = r ? Math.min(r.value?.length ?? 0, PREVIEW.value) : PREVIEW.value;
  return 8 + key + 8 + value + 4 + headers * (4 + HEADER_KEY_BYTES + 8 + PREVIEW.header);
}
